# len, min, max, sum, list() and tuple() on lists.
a = [4, 8, 15, 16, 23, 42]
print(len(a), min(a), max(a), sum(a))
print(list("abc"))
print(list((1, 2)))
print(list(range(3)))
print(tuple(a))
print(list())
print(tuple())
