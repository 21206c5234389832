# str + int names the types the other way round.
print("count: " + 3)
