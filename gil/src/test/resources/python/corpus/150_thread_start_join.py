# Four threads compute squares; results are collected under a lock.
import threading
results = []
lock = threading.Lock()
def worker(n):
    v = n * n
    with lock:
        results.append(v)

threads = []
for i in range(4):
    t = threading.Thread(target=worker, args=(i,))
    threads.append(t)
    t.start()
for t in threads:
    t.join()
print(sorted(results))
