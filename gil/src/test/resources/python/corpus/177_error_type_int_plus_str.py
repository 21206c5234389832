# int + str is a TypeError.
n = 5
s = "five"
print(n + s)
