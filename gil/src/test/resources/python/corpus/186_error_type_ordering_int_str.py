# Ordering an int against a str.
print(1 < 2)
print(1 < "2")
