# A for loop over an int.
for x in 5:
    print(x)
