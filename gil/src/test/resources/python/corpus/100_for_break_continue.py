# continue and break in a for loop.
out = []
for n in range(20):
    if n % 2 == 1:
        continue
    if n > 12:
        break
    out.append(n)
print(out)
