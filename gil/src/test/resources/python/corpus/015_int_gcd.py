# Euclid's algorithm with % and tuple assignment.
def gcd(a, b):
    while b != 0:
        a, b = b, a % b
    return a

print(gcd(48, 18))
print(gcd(17, 5))
print(gcd(0, 9))
print(gcd(1071, 462))
