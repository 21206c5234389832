# The loop variable keeps its last value after the loop.
for i in range(4):
    pass
print(i)
for ch in "xyz":
    if ch == "y":
        break
print(ch)
k = "unchanged"
for k in []:
    pass
print(k)
