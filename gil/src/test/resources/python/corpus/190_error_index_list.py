# Reading past the end of a list.
a = [10, 20, 30]
print(a[2])
print(a[3])
