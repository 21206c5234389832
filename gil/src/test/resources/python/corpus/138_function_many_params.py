# Five parameters, positional and by keyword.
def f(a, b, c, d, e):
    return [a, b, c, d, e]

print(f(1, 2, 3, 4, 5))
print(f(1, 2, e=5, d=4, c=3))
print(f(e="e", d="d", c="c", b="b", a="a"))
