# join waits for a thread that sleeps before it writes.
import threading
import time
box = []
gate = threading.Lock()
def late():
    with gate:
        pass
    time.sleep(0.02)
    box.append("written")

gate.acquire()
t = threading.Thread(target=late)
t.start()
print(box)
gate.release()
t.join()
print(box)
