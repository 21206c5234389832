# The main thread is MainThread; a named thread sees its own name.
import threading
seen = []
def report():
    seen.append(threading.current_thread().name)

print(threading.current_thread().name)
t = threading.Thread(target=report, name="worker-1")
print(t.name)
t.start()
t.join()
print(seen)
