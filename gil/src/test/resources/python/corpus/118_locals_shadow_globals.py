# Assigning in a function makes a local that hides the global.
x = "global"
def f():
    x = "local"
    return x

def g():
    return x

print(f(), g(), x)
def h(x):
    x = x + "!"
    return x

print(h("arg"), x)
