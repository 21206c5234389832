# Comparisons between floats and ints.
print(1 == 1.0)
print(2 > 1.5)
print(0.1 + 0.2 == 0.3)
print(0.5 < 1)
print(-0.0 < 0)
print(3.0 != 3)
print(1.0 <= 1, 1 >= 1.0)
