# reverse and sort work in place and return None.
a = [5, 2, 8, 1, 9]
print(a.reverse())
print(a)
print(a.sort())
print(a)
words = ["pear", "Apple", "fig", "banana"]
words.sort()
print(words)
f = [2.5, -1, 0, 1.5, True]
f.sort()
print(f)
