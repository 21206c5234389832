# Running totals, maxima and counts in one pass.
data = [7, -3, 12, 0, 5, 12, -8]
best = data[0]
positives = 0
running = []
total = 0
for d in data:
    if d > best:
        best = d
    if d > 0:
        positives += 1
    total += d
    running.append(total)
print(best, positives, total)
print(running)
