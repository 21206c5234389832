# A thread gives up on a held lock after its timeout, then gets it once freed.
import threading
lock = threading.Lock()
log = []
def try_twice(first_done):
    log.append(lock.acquire(timeout=0.01))
    first_done.release()

first_done = threading.Lock()
first_done.acquire()
lock.acquire()
t = threading.Thread(target=try_twice, args=(first_done,))
t.start()
first_done.acquire()
lock.release()
t.join()
log.append(lock.acquire(timeout=0.01))
print(log)
