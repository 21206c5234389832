# title: Published too early
# text: The writer sets ready before it sets data, with a print in between. Make the reader see ready without data, so its assert fails.
# policy: interval
# granularity: SWITCH_POINT
# goal: assertionFails
# solvable: yes
import threading

ready = False
data = None


def writer():
    global ready, data
    ready = True
    print("published")
    data = 42


def reader():
    if ready:
        assert data == 42, "saw ready before data"


t1 = threading.Thread(target=writer)
t2 = threading.Thread(target=reader)
t1.start()
t2.start()
t1.join()
t2.join()
