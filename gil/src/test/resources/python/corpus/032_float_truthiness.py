# 0.0 is false, anything else is true.
for v in [0.0, -0.0, 0.5, -1.5]:
    if v:
        print(v, "is true")
    else:
        print(v, "is false")
print(bool(0.0), bool(2.0))
print(not 0.0)
