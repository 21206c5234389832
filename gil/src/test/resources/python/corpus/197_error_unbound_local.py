# Assigning a name anywhere in a function makes it local everywhere in it.
x = 10
def f():
    print(x)
    x = 1

f()
