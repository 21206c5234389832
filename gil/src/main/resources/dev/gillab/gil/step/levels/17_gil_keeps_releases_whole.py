# title: The GIL keeps releases whole (prove it)
# text: The same program with plain counts, under the GIL: a count's read and its write fall in one step, and no other thread runs between them. Try to leave the list alive with no name to hold it, then let the explorer search every schedule with up to its bound of preemptions: none reaches the goal.
# policy: interval
# counts: PLAIN
# granularity: SWITCH_POINT
# goal: leaks
# solvable: no
import threading

items = [1, 2, 3]


def reader():
    mine = items
    print(len(mine))


t1 = threading.Thread(target=reader)
t2 = threading.Thread(target=reader)
t1.start()
t2.start()
t1.join()
t2.join()
del items
