# Division and modulo near the 64-bit limits.
big = 9223372036854775807
small = -9223372036854775807 - 1
print(big // -1)
print(small // 3)
print(small % 3)
print(big // 1000000007)
print(big % 1000000007)
print(small // -3)
print(-big // 7)
print(-big % 7)
