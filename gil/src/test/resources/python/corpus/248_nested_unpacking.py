# Targets can be nested tuples.
(a, b), c = (1, 2), 3
print(a, b, c)
for (x, y), label in [((0, 0), "origin"), ((1, 2), "point")]:
    print(label, x, y)
first, (second, third) = ["p", "qr"]
print(first, second, third)
