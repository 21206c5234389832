# title: Free the list while a thread still uses it
# text: No GIL, and reference counts are plain ints: an instruction reads each count it changes, and its thread's next step writes them. The reader takes its own reference to items; main rebinds the global, which lets go of the list. Make the list's count reach 0 while the reader still holds it.
# policy: none
# counts: PLAIN
# granularity: INSTRUCTION
# goal: usesFreed
# solvable: yes
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
