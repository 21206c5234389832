# Lists and tuples order lexicographically.
print([1, 2] < [1, 3])
print([1, 2] < [1, 2, 0])
print((2,) > (1, 9))
print(sorted([(2, "b"), (1, "z"), (2, "a")]))
print(max([[3], [1, 5], [3, 0]]))
print([] < [0])
