# Two threads move money back and forth between two accounts N times each, without a lock.
# Every move takes 1 from one account and adds 1 to the other, but each of those is a
# read-modify-write that a switch can undo, so the total drifts by at most 2*N either way.
# invariant: TOTAL - 2*N <= total <= TOTAL + 2*N
import threading
N = 10000
TOTAL = 200
accounts = [100, 100]
def move(src, dst):
    for i in range(N):
        accounts[src] -= 1
        accounts[dst] += 1

a = threading.Thread(target=move, args=(0, 1))
b = threading.Thread(target=move, args=(1, 0))
a.start()
b.start()
a.join()
b.join()
print(accounts[0] + accounts[1])
