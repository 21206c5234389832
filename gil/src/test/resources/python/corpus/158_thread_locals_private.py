# Each thread has its own local variables.
import threading
lock = threading.Lock()
totals = []
def count_to(n):
    total = 0
    i = 0
    while i < n:
        i += 1
        total += i
    with lock:
        totals.append(total)

ts = []
for n in [10, 100, 1000]:
    t = threading.Thread(target=count_to, args=(n,))
    ts.append(t)
    t.start()
for t in ts:
    t.join()
print(sorted(totals))
