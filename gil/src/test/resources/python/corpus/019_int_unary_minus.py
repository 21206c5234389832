# Unary minus on names, expressions and zero.
x = 5
print(-x)
print(--x)
print(-(x - 8))
print(-0 == 0)
y = -x
print(y, -y)
print(- -  x)
