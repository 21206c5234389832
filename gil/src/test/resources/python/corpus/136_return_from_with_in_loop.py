# return from a with block nested in a for loop.
from threading import Lock
lock = Lock()
def first_negative(items):
    for x in items:
        with lock:
            if x < 0:
                return x
    return None

print(first_negative([3, 1, -4, 1, -5]))
print(lock.locked())
print(first_negative([1, 2]))
print(lock.locked())
