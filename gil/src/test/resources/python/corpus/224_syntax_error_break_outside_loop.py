# break outside a loop does not compile.
x = 1
if x:
    break
