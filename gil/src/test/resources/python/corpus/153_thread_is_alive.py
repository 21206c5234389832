# is_alive is False before start and after join, True while the thread runs.
import threading
lock = threading.Lock()
def wait_for_lock():
    with lock:
        pass

t = threading.Thread(target=wait_for_lock)
print(t.is_alive())
lock.acquire()
t.start()
print(t.is_alive())
lock.release()
t.join()
print(t.is_alive())
