# A local deleted and then read.
def f():
    v = 1
    print(v)
    del v
    return v

f()
