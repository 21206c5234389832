# 20! is the largest factorial that fits in 64 bits.
n = 1
i = 1
while i <= 20:
    n *= i
    i += 1
print(n)
