# title: A lock makes it whole (prove it)
# text: No GIL, every instruction a step (counts are atomic here), but each counter += 1 runs holding a lock. Try to make counter end at 1, then let the explorer search every schedule with up to its bound of preemptions: none reaches the goal.
# policy: none
# granularity: INSTRUCTION
# goal: globalEquals counter 1
# solvable: no
import threading

counter = 0
lock = threading.Lock()


def work():
    global counter
    with lock:
        counter += 1


t1 = threading.Thread(target=work)
t2 = threading.Thread(target=work)
t1.start()
t2.start()
t1.join()
t2.join()
print(counter)
