# title: The GIL keeps counts whole (prove it)
# text: The same program with plain counts, under the GIL: no other thread runs between a count's read and its write. Try to free the list while the reader holds it, then let the explorer search every schedule with up to its bound of preemptions: none reaches the goal.
# policy: interval
# counts: PLAIN
# granularity: SWITCH_POINT
# goal: usesFreed
# solvable: no
import threading

items = [1, 2, 3]


def reader():
    mine = items
    print(len(mine))


t = threading.Thread(target=reader)
t.start()
print("main lets go of the list")
items = []
t.join()
