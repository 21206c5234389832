# Indexing from the front and from the back.
s = "python"
print(s[0])
print(s[5])
print(s[-1])
print(s[-6])
i = 2
print(s[i] + s[i + 1])
print(s[len(s) - 1])
