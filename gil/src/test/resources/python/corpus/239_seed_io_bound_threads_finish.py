# The seed's point: IO-bound threads under a GIL work fine.
import threading
import time
lock = threading.Lock()
finished = []
def fetch(name):
    time.sleep(0.01)
    with lock:
        finished.append(name)

names = ["a", "b", "c", "d", "e"]
ts = []
for n in names:
    t = threading.Thread(target=fetch, args=(n,), name="io-" + n)
    ts.append(t)
    t.start()
for t in ts:
    t.join()
print(sorted(finished))
alive = 0
for t in ts:
    if t.is_alive():
        alive += 1
print(alive, threading.active_count())
