# title: The GIL keeps counter += 1 whole (prove it)
# text: Under the GIL a switch falls only before a backward jump or a call, and counter += 1 has neither inside it. Try to make counter end at 1, then let the explorer search every schedule with up to its bound of preemptions: none reaches the goal.
# policy: interval
# granularity: SWITCH_POINT
# goal: globalEquals counter 1
# solvable: no
import threading

counter = 0


def work():
    global counter
    counter += 1


t1 = threading.Thread(target=work)
t2 = threading.Thread(target=work)
t1.start()
t2.start()
t1.join()
t2.join()
print(counter)
