# + makes a new list; * repeats it.
a = [1, 2]
b = [3]
c = a + b
print(c)
print(a, b)
print(a * 3)
print([0] * 5)
print([] * 10)
print(2 * ["x"])
c += [4, 5]
print(c)
