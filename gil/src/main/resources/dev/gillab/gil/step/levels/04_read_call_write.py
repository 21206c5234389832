# title: A call between the read and the write
# text: The GIL guards each instruction, not your statement: here a print falls between reading counter and writing it back, and a call is a switch point. Make counter end at 1.
# policy: interval
# granularity: SWITCH_POINT
# goal: globalEquals counter 1
# solvable: yes
import threading

counter = 0


def work():
    global counter
    value = counter
    print("read", value)
    counter = value + 1


t1 = threading.Thread(target=work)
t2 = threading.Thread(target=work)
t1.start()
t2.start()
t1.join()
t2.join()
print(counter)
