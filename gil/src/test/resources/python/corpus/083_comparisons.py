# Each comparison operator on ints.
a = 3
b = 5
print(a < b, a <= b, a == b, a != b, a > b, a >= b)
print(b < a, b <= b, b == b, b != b, b > a, b >= a)
print(-1 < 0)
print(1 == 1 == 1)
