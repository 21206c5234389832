# The remainder takes the sign of the divisor.
print(7 % 3)
print(-7 % 3)
print(7 % -3)
print(-7 % -3)
print(6 % 3, -6 % 3)
print(0 % 7, 1 % 1)
n = -17
print(n // 5 * 5 + n % 5 == n)
