# continue does not skip the else of a while loop.
n = 0
while n < 4:
    n += 1
    if n == 2:
        continue
    print("n", n)
else:
    print("else with n =", n)
