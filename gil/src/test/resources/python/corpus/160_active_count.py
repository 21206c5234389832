# active_count counts the main thread and every running thread.
import threading
gate = threading.Lock()
def blocked():
    with gate:
        pass

print(threading.active_count())
gate.acquire()
t = threading.Thread(target=blocked)
t.start()
print(threading.active_count())
gate.release()
t.join()
print(threading.active_count())
