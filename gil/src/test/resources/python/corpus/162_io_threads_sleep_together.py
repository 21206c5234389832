# Sleeping releases the GIL, so three sleeping threads overlap.
import threading
import time
def nap():
    time.sleep(0.05)

start = time.perf_counter()
ts = []
for i in range(3):
    t = threading.Thread(target=nap)
    ts.append(t)
    t.start()
for t in ts:
    t.join()
elapsed = time.perf_counter() - start
print(elapsed >= 0.04)
print(elapsed < 0.14)
