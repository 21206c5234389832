# return inside a with block releases the lock on the way out.
import threading
lock = threading.Lock()
def guarded(x):
    with lock:
        if x > 0:
            return "positive"
        print("inside, locked:", lock.locked())
    return "not positive"

print(guarded(1))
print(lock.locked())
print(guarded(-1))
print(lock.locked())
