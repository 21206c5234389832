# Two threads each add 1 to counts[0] N times, without a lock. Each list access is atomic,
# but counts[0] += 1 reads the item, adds and writes it back: updates can still be lost.
# The lower bound is 2, not N: a thread paused between its load and
# its store overwrites everything the others added meanwhile.
# invariant: 2 <= counts[0] <= 2*N
import threading
N = 20000
counts = [0]
def work():
    for i in range(N):
        counts[0] += 1

a = threading.Thread(target=work)
b = threading.Thread(target=work)
a.start()
b.start()
a.join()
b.join()
print(counts[0])
