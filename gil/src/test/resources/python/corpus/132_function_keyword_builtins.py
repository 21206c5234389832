# Keyword arguments of print: sep and end.
print("a", "b", "c", sep="-")
print("no newline", end="")
print(" then newline")
print(1, 2, sep="", end="!\n")
print()
print("x", end="")
print("y", sep=":", end="\n")
print("z")
