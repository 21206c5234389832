# Each list slot holding the object is one more reference.
import sys
a = []
c = [a, a]
print(sys.getrefcount(a))
c.pop()
print(sys.getrefcount(a))
del c
print(sys.getrefcount(a))
d = [a] * 3
print(sys.getrefcount(a))
d[0] = None
print(sys.getrefcount(a))
