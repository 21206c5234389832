# Hex, octal and binary literals and underscores are all plain ints.
print(0x1F)
print(0o17)
print(0b1011)
print(1_000_000)
print(0xFF + 0o10 + 0b1)
print(0)
print(-0)
print(00)
