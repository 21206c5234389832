# Two names for one list see the same changes; list() copies.
a = [1, 2, 3]
b = a
b.append(4)
print(a)
print(a is b)
c = list(a)
c.append(5)
print(a, c)
print(a is c, a == list(a))
