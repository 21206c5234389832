# Augmented assignment with every arithmetic operator.
x = 10
x += 5
print(x)
x -= 20
print(x)
x *= -3
print(x)
x //= 4
print(x)
x %= 5
print(x)
x /= 2
print(x)
