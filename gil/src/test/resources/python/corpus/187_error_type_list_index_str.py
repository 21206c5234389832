# A list index must be an int.
a = [1, 2]
print(a["0"])
