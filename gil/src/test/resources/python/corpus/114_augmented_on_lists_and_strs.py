# += on a list name extends it in place; on a str it makes a new str.
a = [1]
b = a
a += [2, 3]
print(a, b, a is b)
s = "x"
t = s
s += "y"
print(s, t)
n = 5
m = n
n += 1
print(n, m)
