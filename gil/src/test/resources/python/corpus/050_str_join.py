# join glues a list of strings with a separator.
words = ["alpha", "beta", "gamma"]
print("-".join(words))
print("".join(words))
print(", ".join([]))
print(" ".join(["solo"]))
print("/".join("abc"))
print("+".join(("x", "y")))
