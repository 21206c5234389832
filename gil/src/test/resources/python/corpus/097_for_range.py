# range with one, two and three arguments, including negative steps.
print(list(range(5)))
print(list(range(2, 7)))
print(list(range(0, 10, 3)))
print(list(range(10, 0, -2)))
print(list(range(5, 5)))
print(list(range(-3, 3)))
print(list(range(3, -3, -1)))
print(len(range(0, 100, 7)))
for i in range(3):
    print("i =", i)
