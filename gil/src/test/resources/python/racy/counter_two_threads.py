# Two threads each add 1 to a shared global N times, without a lock.
# counter += 1 is a load, an add and a store; a switch between them loses an update.
# The lower bound is 2, not N: a thread paused between its load and
# its store overwrites everything the others added meanwhile.
# invariant: 2 <= counter <= 2*N
import threading
N = 20000
counter = 0
def work():
    global counter
    for i in range(N):
        counter += 1

a = threading.Thread(target=work)
b = threading.Thread(target=work)
a.start()
b.start()
a.join()
b.join()
print(counter)
