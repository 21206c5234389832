# global lets a function rebind a module-level name.
counter = 0
def bump():
    global counter
    counter += 1

def peek():
    return counter

bump()
bump()
bump()
print(counter, peek())
def reset(value):
    global counter
    counter = value

reset(-1)
print(counter)
