# Building, indexing and printing lists.
a = [1, 2, 3]
print(a)
print(a[0], a[-1])
print(len(a))
print([])
print([[1, 2], [3]])
print(["x", 1, 2.5, None, True])
a[1] = 20
print(a)
a[-1] = "end"
print(a)
