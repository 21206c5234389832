# A sequence can only be repeated an int number of times.
print("ab" * 2)
print("ab" * 1.5)
