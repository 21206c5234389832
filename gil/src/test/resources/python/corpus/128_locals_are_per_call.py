# Each call has its own locals; the arguments are copies of references.
def bump(n, lst):
    n += 1
    lst.append(n)
    return n

x = 1
items = []
print(bump(x, items), bump(x, items))
print(x, items)
