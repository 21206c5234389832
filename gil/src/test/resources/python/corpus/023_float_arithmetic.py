# Float +, -, *, / and mixing with ints.
print(1.5 + 2)
print(3 - 0.5)
print(2.5 * 4)
print(7.0 / 2)
print(1 + 2.0)
print(10 * 0.1)
print(0.5 + 0.25 + 0.125)
x = 2.0
x *= 3
print(x)
x -= 0.5
print(x)
