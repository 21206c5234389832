# Defining and calling functions; a function without return gives None.
def add(a, b):
    return a + b

def greet(name):
    print("hello,", name)

print(add(2, 3))
print(add("x", "y"))
r = greet("world")
print(r)
def nothing():
    pass

print(nothing())
