# a < b < c means a < b and b < c, evaluating b once.
x = 5
print(1 < x < 10)
print(1 < x > 10)
print(0 <= x <= 5)
print(10 > x > 5)
print(1 < 2 < 3 < 4)
print(1 < 2 > 3 < 4)
print(1 == 1.0 < 2)
print("a" < "b" < "c")
