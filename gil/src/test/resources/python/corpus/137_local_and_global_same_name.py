# Reading a global, then a local of the same name in another function.
n = 100
def read():
    return n + 1

def write():
    n = 5
    return n + 1

print(read(), write(), n)
