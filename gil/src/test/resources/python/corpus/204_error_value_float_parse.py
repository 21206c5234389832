# float() of a string that is not a number.
print(float("1.5"))
print(float("one"))
