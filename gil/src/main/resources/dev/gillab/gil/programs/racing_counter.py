# Two threads add 1 to one global counter, without a lock. counter += 1 is a load, an add and
# a store: a switch between them loses an update. Under a GIL that checks only at backward
# jumps and calls, no switch falls inside it (luck); where any instruction may be the last
# before a switch, updates are lost.
import threading

counter = 0


def work(n):
    global counter
    while n > 0:
        counter += 1
        n -= 1


N = 100_000
t1 = threading.Thread(target=work, args=(N,))
t2 = threading.Thread(target=work, args=(N,))
t1.start()
t2.start()
t1.join()
t2.join()
print(counter)
