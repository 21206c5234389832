# title: Lose an update without a GIL
# text: Two threads each add 1 to counter, and there is no GIL: every instruction is a step. Choose the steps so that counter ends at 1, not 2.
# policy: none
# granularity: SWITCH_POINT
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
