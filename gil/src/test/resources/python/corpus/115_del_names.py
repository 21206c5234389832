# del unbinds a name; it can be bound again.
x = 1
y = [x]
del x
x = "back"
print(x, y)
def f():
    v = 10
    del v
    v = 20
    return v

print(f())
