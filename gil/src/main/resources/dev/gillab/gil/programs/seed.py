# The seed's reference-count snippet, as written: getrefcount answers one more than the
# holders, because the call itself holds the object while it runs.
import sys

a = []
print(sys.getrefcount(a))
b = a
print(sys.getrefcount(a))
