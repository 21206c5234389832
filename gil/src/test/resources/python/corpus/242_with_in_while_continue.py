# continue and break in a while loop leave the with block each time.
import threading
lock = threading.Lock()
n = 0
seen = []
while n < 6:
    n += 1
    with lock:
        if n % 2 == 0:
            continue
        if n == 5:
            break
        seen.append(n)
print(seen, n, lock.locked())
