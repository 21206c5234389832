# break and continue inside a with block release the lock.
import threading
lock = threading.Lock()
for i in range(5):
    with lock:
        if i == 1:
            continue
        if i == 3:
            break
        print(i, lock.locked())
print("after loop, locked:", lock.locked())
