# A thread target that returns from inside with lock: leaves the lock free.
import threading
lock = threading.Lock()
done = []
def work(n):
    with lock:
        done.append(n)
        if n % 2 == 0:
            return
        done.append(-n)

ts = []
for i in range(4):
    ts.append(threading.Thread(target=work, args=(i,)))
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(done))
print(lock.locked())
