# Rotating three values at once.
a, b, c = 1, 2, 3
a, b, c = b, c, a
print(a, b, c)
lst = [1, 2, 3]
lst[0], lst[2] = lst[2], lst[0]
print(lst)
