# for a, b in a list of pairs.
pairs = [(1, "one"), (2, "two"), (3, "three")]
for num, word in pairs:
    print(num, word)
for a, b in [[1, 2], [3, 4]]:
    print(a + b)
for x, y in ["ab", "cd"]:
    print(y + x)
