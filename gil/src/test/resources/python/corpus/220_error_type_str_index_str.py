# A str index must be an int.
s = "abc"
print(s["1"])
