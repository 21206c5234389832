# Ints and floats compare by value.
print(1 < 1.5 < 2)
print(2.0 == 2)
print(-1 < -0.5)
print(3 >= 3.0)
print(0 == -0.0)
print(max(1, 2.0, 1.5))
print(sorted([3, 1.5, 2, 0.5]))
