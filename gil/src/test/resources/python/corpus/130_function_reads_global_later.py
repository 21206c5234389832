# A function looks up globals when it runs, not when it is defined.
def show():
    return value

value = "first"
print(show())
value = "second"
print(show())
