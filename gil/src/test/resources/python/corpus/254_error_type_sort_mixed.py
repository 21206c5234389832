# Sorting a list and an int together.
print(sorted([3, 1]))
print(sorted([[1], 2]))
