# title: A thread that never waits
# text: Under the old GIL (ticks) the greedy thread only ever lets go to take the GIL straight back. Keep the patient thread (2) waiting for 20 steps while it could run.
# policy: ticks(100)
# granularity: SWITCH_POINT
# goal: starves 2 20
# solvable: yes
import threading

count = 0


def greedy():
    global count
    for i in range(40):
        count += 1


def patient():
    print("patient ran at count", count)


t1 = threading.Thread(target=greedy)
t2 = threading.Thread(target=patient)
t1.start()
t2.start()
t1.join()
t2.join()
