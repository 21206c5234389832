# range needs ints.
print(list(range(3)))
for i in range(2.5):
    print(i)
