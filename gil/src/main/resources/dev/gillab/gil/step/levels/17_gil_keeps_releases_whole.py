# title: The GIL keeps releases whole (prove it)
# text: The same program with plain counts, under the GIL: a count's read and its write fall in one step, and no other thread runs between them. Try to leave the list alive with no name to hold it, then let the explorer search every schedule with up to its bound of preemptions: none reaches the goal.
# program: 16_lose_a_release.py
# policy: interval
# counts: PLAIN
# granularity: SWITCH_POINT
# goal: leaks
# solvable: no
