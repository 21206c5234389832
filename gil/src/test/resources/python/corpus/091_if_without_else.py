# if without else, nested ifs, and pass.
x = 4
if x > 3:
    print("big")
if x > 10:
    print("huge")
if x % 2 == 0:
    if x % 4 == 0:
        print("multiple of 4")
    else:
        pass
if x:
    pass
print("done")
