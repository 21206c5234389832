# index finds the first match, count counts matches, remove deletes the first.
a = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]
print(a.index(1))
print(a.index(5))
print(a.count(5))
print(a.count(7))
a.remove(1)
print(a)
a.remove(5)
print(a)
print([1, 1.0, True].count(1))
