# while/else: the else runs when the condition goes false, not after break.
def search(items, target):
    i = 0
    while i < len(items):
        if items[i] == target:
            print("found at", i)
            break
        i += 1
    else:
        print("not found")

search([4, 8, 15], 8)
search([4, 8, 15], 16)
search([], 1)
