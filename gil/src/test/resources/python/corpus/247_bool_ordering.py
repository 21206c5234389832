# Bools order as 0 and 1.
print(True > False)
print(False < 1 < True + True)
print(sorted([True, False, True, 0, 1]))
print(max(False, True), min(True, 2))
print(sum([True, True]) == 2)
