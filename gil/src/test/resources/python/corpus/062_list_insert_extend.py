# insert at a position (clamped to the ends) and extend with another sequence.
a = [1, 2, 3]
a.insert(0, 0)
a.insert(2, 1.5)
a.insert(-1, 2.5)
a.insert(100, 99)
a.insert(-100, -99)
print(a)
b = ["a"]
b.extend(["b", "c"])
b.extend(("d",))
b.extend("ef")
b.extend([])
print(b)
