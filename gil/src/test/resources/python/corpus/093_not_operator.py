# not always returns a bool.
print(not True)
print(not 0)
print(not "")
print(not [1])
print(not None)
print(not not "x")
x = 3
print(not x == 3)
print(not x > 5)
