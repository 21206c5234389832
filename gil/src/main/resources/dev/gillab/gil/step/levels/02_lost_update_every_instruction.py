# title: Lose an update when the GIL can move anywhere
# text: The old GIL let go every N instructions; here N is 1, so a switch may fall between any two. Make counter end at 1.
# policy: ticks(1)
# granularity: INSTRUCTION
# goal: globalEquals counter 1
# solvable: yes
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
