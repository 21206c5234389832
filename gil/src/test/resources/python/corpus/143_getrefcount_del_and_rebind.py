# del and rebinding drop references.
import sys
a = [1, 2]
b = a
c = a
print(sys.getrefcount(a))
del b
print(sys.getrefcount(a))
c = None
print(sys.getrefcount(a))
