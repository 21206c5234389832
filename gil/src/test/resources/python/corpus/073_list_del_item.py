# del removes an item by index.
a = ["a", "b", "c", "d", "e"]
del a[0]
print(a)
del a[-1]
print(a)
del a[1]
print(a)
i = 0
del a[i]
print(a, len(a))
