# A later def rebinds the name.
def f():
    return 1

g = f
def f():
    return 2

print(f(), g())
