# Negative operands in each operator.
for a in [-9, -1, 0, 4]:
    for b in [-4, 3]:
        print(a, b, a + b, a - b, a * b, a // b, a % b)
