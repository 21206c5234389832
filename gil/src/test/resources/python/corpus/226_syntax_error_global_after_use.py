# A name used in a function before its global declaration.
x = 1
def f():
    print(x)
    global x

f()
