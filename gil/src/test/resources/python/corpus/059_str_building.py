# Building strings with += in a loop.
s = ""
for i in range(5):
    s += str(i)
print(s)
line = ""
for word in ["a", "bb", "ccc"]:
    if line != "":
        line += " "
    line += word.upper()
print(line)
print(len(line))
