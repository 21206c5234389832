# An error at the bottom of a recursion ends the program.
def countdown(n):
    if n == 0:
        return 1 // n
    print(n)
    return countdown(n - 1)

countdown(3)
