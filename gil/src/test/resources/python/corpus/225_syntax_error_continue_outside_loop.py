# continue outside a loop does not compile.
def f():
    continue

f()
