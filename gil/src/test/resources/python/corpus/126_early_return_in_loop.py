# return from inside for and while loops.
def find(items, target):
    for i in range(len(items)):
        if items[i] == target:
            return i
    return -1

def first_square_over(limit):
    n = 0
    while True:
        n += 1
        if n * n > limit:
            return n

def nested(grid, v):
    for row in grid:
        for x in row:
            if x == v:
                return "found " + str(v)
    return "missing"

print(find([5, 6, 7], 7), find([5, 6, 7], 8))
print(first_square_over(50))
print(nested([[1, 2], [3, 4]], 3), nested([[1]], 9))
