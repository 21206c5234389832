# Floor division of an int by a float zero.
print(5 // 2.0)
print(5 // 0.0)
