# title: Lose a release without a GIL
# text: No GIL, and reference counts are plain ints: an instruction reads each count it changes, and its thread's next step writes them. Each reader takes its own reference to items and lets go of it when it returns; then main deletes the name. Make the list outlive every name: still alive when the program ends, with nothing left to hold it.
# policy: none
# counts: PLAIN
# granularity: INSTRUCTION
# goal: leaks
# solvable: yes
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
