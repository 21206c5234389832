# Builtins mixing floats and ints.
print(sum([0.5, 0.25, 1]))
print(min(2, 1.5))
print(max(2, 2.5))
print(max(1, 1.0))
print(min(1.0, 1))
print(abs(-2.5))
print(sum([0.1] * 10))
