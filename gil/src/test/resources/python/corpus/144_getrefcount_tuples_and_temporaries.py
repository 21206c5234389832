# A tuple holds its items; a temporary list has only the call's reference.
import sys
a = []
t = (a, a)
print(sys.getrefcount(a))
del t
print(sys.getrefcount(a))
print(sys.getrefcount([]))
print(sys.getrefcount(list(range(3))))
