# Repeated addition accumulates rounding error.
x = 0.0
i = 0
while i < 10:
    x += 0.1
    i += 1
print(x)
print(x == 1.0)
print(x < 1.0)
