# Floor division by zero is a ZeroDivisionError; output before it stays printed.
def ratio(a, b):
    return a // b

print(ratio(7, 2))
print(ratio(7, 0))
print("never printed")
