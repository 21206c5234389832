# With a lock around it, counter += 1 from four threads loses nothing.
import threading
counter = 0
lock = threading.Lock()
def work(n):
    global counter
    for i in range(n):
        with lock:
            counter += 1

ts = []
for k in range(4):
    ts.append(threading.Thread(target=work, args=(2000,)))
for t in ts:
    t.start()
for t in ts:
    t.join()
print(counter)
