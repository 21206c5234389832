# Two threads append N items each to one list without a lock. The order of the items is
# racy, but each append is atomic, so none is lost.
# invariant: 2*N <= len(log) <= 2*N
import threading
N = 20000
log = []
def write(tag):
    for i in range(N):
        log.append(tag)

a = threading.Thread(target=write, args=("a",))
b = threading.Thread(target=write, args=("b",))
a.start()
b.start()
a.join()
b.join()
print(len(log))
