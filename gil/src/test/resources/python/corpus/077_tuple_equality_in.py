# Tuple equality and membership.
print((1, 2) == (1, 2))
print((1, 2) != (1, 2.0))
print(() == ())
print(2 in (1, 2, 3))
print("x" not in ("a", "b"))
print((1, 2) in [(1, 2), (3, 4)])
print(tuple([1, 2]) == (1, 2))
