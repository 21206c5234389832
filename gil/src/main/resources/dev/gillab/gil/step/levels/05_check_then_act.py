# title: Check, then act
# text: Each thread takes the job only if one is left, yet the GIL can move between the check and the pop. Make a thread pop from an empty list.
# policy: interval
# granularity: SWITCH_POINT
# goal: raises IndexError
# solvable: yes
import threading

jobs = ["job"]


def work():
    if len(jobs) > 0:
        jobs.pop()


t1 = threading.Thread(target=work)
t2 = threading.Thread(target=work)
t1.start()
t2.start()
t1.join()
t2.join()
print(jobs)
