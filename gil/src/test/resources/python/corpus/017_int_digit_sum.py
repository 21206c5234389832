# Digits by // and %, including of a negative number.
def digit_sum(n):
    if n < 0:
        n = -n
    total = 0
    while n > 0:
        total += n % 10
        n //= 10
    return total

print(digit_sum(12345))
print(digit_sum(-9876))
print(digit_sum(0))
print(digit_sum(9223372036854775807))
