# index of a value not in the list.
a = [1, 2]
print(a.index(2))
print(a.index(3))
