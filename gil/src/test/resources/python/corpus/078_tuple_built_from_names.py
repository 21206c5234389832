# A tuple of names is built at run time.
a = 1
b = "b"
t = (a, b, [a])
print(t)
t[2].append(2)
print(t)
print(len((a, a, a)))
