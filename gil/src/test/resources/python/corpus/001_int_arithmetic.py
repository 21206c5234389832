# Integer +, -, * and the order of operations.
a = 7
b = 3
print(a + b)
print(a - b)
print(b - a)
print(a * b)
print(a + b * 2)
print((a + b) * 2)
print(-a + b)
print(a - -b)
print(0 * a, 1 * a, a * 0)
