# title: Released on one path only
# text: take() forgets to release the lock when it finds the shelf empty. Make that happen while restock() still needs the lock.
# policy: interval
# granularity: SWITCH_POINT
# goal: deadlock
# solvable: yes
import threading

lock = threading.Lock()
shelf = []


def take():
    lock.acquire()
    if len(shelf) == 0:
        return
    shelf.pop()
    lock.release()


def restock():
    lock.acquire()
    shelf.append("bread")
    lock.release()


t1 = threading.Thread(target=take)
t2 = threading.Thread(target=restock)
t1.start()
t2.start()
t1.join()
t2.join()
print(shelf)
