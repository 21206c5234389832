# == compares lists item by item.
print([1, 2] == [1, 2])
print([1, 2] == [2, 1])
print([1, 2] != [1, 2, 3])
print([] == [])
print([1, [2, 3]] == [1, [2, 3]])
print([1] == (1,))
print([1.0, 2] == [1, 2.0])
