# title: The IO thread waits its turn
# text: time.sleep lets go of the GIL; coming back, the IO thread must wait until the CPU thread lets go at a switch point. Keep the IO thread (2) waiting for 15 steps while it could run.
# policy: interval
# granularity: SWITCH_POINT
# goal: starves 2 15
# solvable: yes
import threading
import time

ticks = 0


def cpu():
    global ticks
    for i in range(30):
        ticks += 1


def io():
    for i in range(3):
        time.sleep(0.001)
        print("io", i, "at tick", ticks)


t1 = threading.Thread(target=cpu)
t2 = threading.Thread(target=io)
t1.start()
t2.start()
t1.join()
t2.join()
