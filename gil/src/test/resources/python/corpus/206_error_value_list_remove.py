# remove of a value not in the list.
a = ["x"]
a.remove("x")
print(a)
a.remove("x")
