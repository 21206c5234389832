# Unpacking tuples, lists and strings into names.
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
x, y, z = [10, 20, 30]
print(x, y, z)
c1, c2 = "hi"
print(c1, c2)
(p, q) = ("left", "right")
print(p, q)
[r, s] = [q, p]
print(r, s)
t = 7, 8
m, n = t
print(m * n)
