# title: Two locks in opposite order
# text: One thread takes a then b, the other b then a. Make them deadlock: each holding one lock and waiting for the other.
# policy: interval
# granularity: SWITCH_POINT
# goal: deadlock
# solvable: yes
import threading

a = threading.Lock()
b = threading.Lock()


def left():
    with a:
        print("left has a")
        with b:
            print("left has both")


def right():
    with b:
        print("right has b")
        with a:
            print("right has both")


t1 = threading.Thread(target=left)
t2 = threading.Thread(target=right)
t1.start()
t2.start()
t1.join()
t2.join()
