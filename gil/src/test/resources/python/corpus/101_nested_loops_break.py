# break leaves only the innermost loop.
for i in range(3):
    for j in range(3):
        if j == i:
            break
        print(i, j)
    else:
        print("inner finished for", i)
print("outer done")
