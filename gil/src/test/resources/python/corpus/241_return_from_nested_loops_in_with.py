# return from two nested for loops inside a with block: both iterators go, the lock is freed.
import threading
lock = threading.Lock()
def find_pair(xs, ys, total):
    with lock:
        for x in xs:
            for y in ys:
                if x + y == total:
                    return (x, y)
    return None

print(find_pair([1, 2, 3], [10, 20, 30], 23))
print(lock.locked())
print(find_pair([1], [1], 5))
print(lock.locked())
def break_inside():
    with lock:
        for x in range(10):
            if x == 2:
                break
        print("after break, still locked:", lock.locked())
    return x

print(break_inside(), lock.locked())
