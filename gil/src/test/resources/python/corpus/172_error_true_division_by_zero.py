# True division of ints by zero.
print(1 / 2)
print(1 / 0)
