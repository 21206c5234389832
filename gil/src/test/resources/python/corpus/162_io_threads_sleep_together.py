# Sleeping releases the GIL: three threads that each sleep 0.05 s all finish, and no less than
# 0.05 s has passed (how much more depends on the machine, so it is not printed).
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
