# continue skips to the test; break leaves the loop.
i = 0
total = 0
while True:
    i += 1
    if i % 3 == 0:
        continue
    if i > 10:
        break
    total += i
print(i, total)
