# The largest and smallest 64-bit values stay exact.
big = 9223372036854775807
small = -9223372036854775807 - 1
print(big)
print(small)
print(big - 1)
print(small + 1)
print(big + small)
print(big // 2)
print(small // 2)
print(big % 10)
print(small % 10)
print(3037000499 * 3037000499)
