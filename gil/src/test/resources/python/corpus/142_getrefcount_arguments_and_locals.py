# Inside a function, the parameter and each local alias count too.
import sys
a = []
def count_param(x):
    return sys.getrefcount(x)

def count_alias(x):
    y = x
    return sys.getrefcount(x)

def count_fresh():
    b = []
    return sys.getrefcount(b)

print(count_param(a))
print(count_alias(a))
print(count_fresh())
print(sys.getrefcount(a))
