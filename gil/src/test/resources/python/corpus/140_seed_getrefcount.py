# The seed's snippet: the call's own argument is a reference too.
import sys
a = []
print(sys.getrefcount(a))
b = a
print(sys.getrefcount(a))
