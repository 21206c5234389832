# A for loop visits each character.
for ch in "abc":
    print(ch)
count = 0
for ch in "mississippi":
    if ch == "s":
        count += 1
print(count)
out = ""
for ch in "stressed":
    out = ch + out
print(out)
