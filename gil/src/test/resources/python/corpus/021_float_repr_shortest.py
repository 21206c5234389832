# Floats print as the shortest string that reads back the same.
print(0.1)
print(0.1 + 0.2)
print(1 / 3)
print(2 / 3)
print(0.3 - 0.1)
print(1.1 * 3)
print(0.1 * 3)
