# A name assigned in a function before its global declaration.
x = 1
def f():
    x = 2
    global x

f()
