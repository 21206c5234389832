# Tuples: literals, indexing, len and printing.
t = (1, 2, 3)
print(t)
print(t[0], t[-1], len(t))
print(())
print((5,))
u = 4, 5
print(u)
print((1, "a", None, (2, 3)))
print(t + (4,))
print(t * 2)
