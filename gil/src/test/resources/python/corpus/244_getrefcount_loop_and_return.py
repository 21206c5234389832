# A loop variable and a returned local are holders like any other.
import sys
items = [[], []]
for x in items:
    print(sys.getrefcount(x))
del x
print(sys.getrefcount(items[0]))
def make():
    b = [1]
    return b

c = make()
print(sys.getrefcount(c))
d = [c, c, c]
print(sys.getrefcount(c))
