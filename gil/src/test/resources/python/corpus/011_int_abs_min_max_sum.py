# Builtins on ints.
print(abs(-5), abs(5), abs(0))
print(min(3, 1, 2), max(3, 1, 2))
print(min([7, -2, 9]), max([7, -2, 9]))
print(sum([1, 2, 3, 4]))
print(sum([]))
print(sum(range(101)))
print(max(-1, -9))
