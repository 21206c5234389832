# An error inside with lock: ends the program; output before it is kept.
import threading
lock = threading.Lock()
with lock:
    print("locked:", lock.locked())
    print(1 // 0)
