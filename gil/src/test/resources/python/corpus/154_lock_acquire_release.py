# Lock.acquire with and without blocking, and with a timeout.
import threading
lock = threading.Lock()
print(lock.locked())
print(lock.acquire())
print(lock.locked())
print(lock.acquire(blocking=False))
print(lock.acquire(False))
print(lock.acquire(timeout=0.01))
lock.release()
print(lock.locked())
print(lock.acquire(True, 0.01))
lock.release()
print(lock.locked())
