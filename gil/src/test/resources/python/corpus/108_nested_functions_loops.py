# A multiplication table with nested loops and string building.
for i in range(1, 4):
    line = ""
    for j in range(1, 5):
        line += str(i * j) + " "
    print(line.rstrip())
