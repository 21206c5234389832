# title: Lose an update when the GIL can move anywhere
# text: The old GIL let go every N instructions; here N is 1, so a switch may fall between any two. Make counter end at 1.
# program: 01_lost_update_no_gil.py
# policy: ticks(1)
# granularity: INSTRUCTION
# goal: globalEquals counter 1
# solvable: yes
