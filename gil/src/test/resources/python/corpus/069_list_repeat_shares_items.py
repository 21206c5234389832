# Repetition copies references: the inner lists are one list.
rows = [[]] * 3
rows[0].append("x")
print(rows)
print(rows[0] is rows[2])
good = []
for i in range(3):
    good.append([])
good[0].append("x")
print(good)
