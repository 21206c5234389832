# Four threads each add 1 to a shared global N times, without a lock.
# The lower bound is 2, not N: a thread paused between its load and
# its store overwrites everything the others added meanwhile.
# invariant: 2 <= counter <= 4*N
import threading
N = 10000
counter = 0
def work():
    global counter
    i = 0
    while i < N:
        counter += 1
        i += 1

threads = []
for k in range(4):
    threads.append(threading.Thread(target=work))
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)
