# Fibonacci numbers up to the 64-bit limit.
a = 0
b = 1
count = 0
while b < 9223372036854775807 - a:
    a, b = b, a + b
    count += 1
print(count, b)
