# Bools are ints in arithmetic.
print(True + True)
print(True * 10)
print(False - 1)
print(sum([True, False, True, True]))
print(True // 1, True % 2)
print(5 * False)
