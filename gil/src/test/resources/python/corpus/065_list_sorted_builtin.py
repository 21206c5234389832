# sorted makes a new list; the original is unchanged.
a = [3, 1, 2]
b = sorted(a)
print(a, b)
print(sorted("hello"))
print(sorted((9, -3, 0)))
print(sorted([]))
print(sorted(["b", "a", "c"]))
print(sorted(range(5)) == list(range(5)))
