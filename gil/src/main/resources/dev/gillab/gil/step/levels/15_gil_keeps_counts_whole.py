# title: The GIL keeps counts whole (prove it)
# text: The same program with plain counts, under the GIL: no other thread runs between a count's read and its write. Try to free the list while the reader holds it, then let the explorer search every schedule with up to its bound of preemptions: none reaches the goal.
# program: 14_free_while_in_use.py
# policy: interval
# counts: PLAIN
# granularity: SWITCH_POINT
# goal: usesFreed
# solvable: no
