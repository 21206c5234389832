# A non-blocking acquire cannot have a timeout.
import threading
lock = threading.Lock()
print(lock.acquire(False))
lock.release()
lock.acquire(False, 1)
