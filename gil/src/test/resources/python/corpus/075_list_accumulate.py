# Building lists in loops.
squares = []
for i in range(1, 6):
    squares.append(i * i)
print(squares)
evens = []
for n in squares:
    if n % 2 == 0:
        evens.append(n)
print(evens)
pairs = []
for x in [1, 2]:
    for y in ["a", "b"]:
        pairs.append((x, y))
print(pairs)
