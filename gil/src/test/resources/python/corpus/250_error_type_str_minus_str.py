# - is not defined for strings.
print("ab" + "cd")
print("ab" - "cd")
