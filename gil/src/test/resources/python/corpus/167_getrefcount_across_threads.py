# References a thread stores in shared lists are counted like any other.
import sys
import threading
a = []
holders = []
def hold(n):
    for i in range(n):
        holders.append(a)

print(sys.getrefcount(a))
t = threading.Thread(target=hold, args=(3,))
t.start()
t.join()
print(sys.getrefcount(a))
holders.pop()
print(sys.getrefcount(a))
