# del of several names and of list items inside a function.
items = [1, 2, 3, 4]
def trim():
    a = 1
    b = 2
    del a, b
    del items[0]
    del items[-1]
    return items

print(trim())
print(items)
