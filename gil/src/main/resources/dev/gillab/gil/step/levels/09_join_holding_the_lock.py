# title: Joining while holding the lock
# text: The main thread waits for the worker while it holds the lock the worker needs. Make the program hang.
# policy: interval
# granularity: SWITCH_POINT
# goal: deadlock
# solvable: yes
import threading

lock = threading.Lock()
done = []


def worker():
    with lock:
        done.append("worker")


t = threading.Thread(target=worker)
t.start()
with lock:
    t.join()
print(done)
