# A global statement can create a module-level name from a function.
def make():
    global created
    created = "made in a function"

make()
print(created)
