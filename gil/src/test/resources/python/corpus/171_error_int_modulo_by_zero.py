# Modulo by zero has a wording of its own.
x = 10
print(x % 3)
print(x % 0)
