# title: The GIL keeps counter += 1 whole (prove it)
# text: Under the GIL a switch falls only before a backward jump or a call, and counter += 1 has neither inside it. Try to make counter end at 1, then let the explorer search every schedule with up to its bound of preemptions: none reaches the goal.
# program: 01_lost_update_no_gil.py
# policy: interval
# granularity: SWITCH_POINT
# goal: globalEquals counter 1
# solvable: no
