# Threads writing distinct slots of a list need no lock.
import threading
results = [None] * 6
def compute(i):
    results[i] = sum(range(i * 10))

ts = []
for i in range(6):
    t = threading.Thread(target=compute, args=(i,))
    ts.append(t)
    t.start()
for t in ts:
    t.join()
print(results)
