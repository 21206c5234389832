# Two threads fill a list up to N items, checking the length before each append.
# Between the check and the append the other thread may append too, so the list can end
# one item over; neither thread stops before it has seen N items.
# invariant: N <= len(items) <= N + 1
import threading
N = 20000
items = []
def fill(tag):
    while len(items) < N:
        items.append(tag)

a = threading.Thread(target=fill, args=("a",))
b = threading.Thread(target=fill, args=("b",))
a.start()
b.start()
a.join()
b.join()
print(len(items))
