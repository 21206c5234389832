# What if treats as true and false.
for v in [0, 1, -1, "", "0", [], [[]], (), None, 0.0, True, False]:
    if v:
        print(repr(v), "true")
    else:
        print(repr(v), "false")
