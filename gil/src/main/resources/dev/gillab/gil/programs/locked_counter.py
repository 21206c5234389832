# The racing counter, fixed: a lock of our own makes counter += 1 atomic, whatever the GIL does.
import threading

counter = 0
lock = threading.Lock()


def work(n):
    global counter
    while n > 0:
        with lock:
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
