# title: Three philosophers
# text: Each philosopher takes the fork on the left, then the one on the right. Make all three wait for ever.
# policy: interval
# granularity: SWITCH_POINT
# goal: deadlock
# solvable: yes
import threading

forks = [threading.Lock(), threading.Lock(), threading.Lock()]


def philosopher(i):
    with forks[i]:
        print(i, "has the left fork")
        with forks[(i + 1) % 3]:
            print(i, "eats")


t1 = threading.Thread(target=philosopher, args=(0,))
t2 = threading.Thread(target=philosopher, args=(1,))
t3 = threading.Thread(target=philosopher, args=(2,))
t1.start()
t2.start()
t3.start()
t1.join()
t2.join()
t3.join()
