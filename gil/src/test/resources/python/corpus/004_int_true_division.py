# / on two ints always gives a float.
print(7 / 2)
print(6 / 3)
print(-7 / 2)
print(1 / 4)
print(0 / 5)
print(1 / 3)
print(2 / 3)
print(10 / 4)
