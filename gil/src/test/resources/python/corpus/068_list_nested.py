# Lists of lists: a small grid.
grid = [[0, 0, 0], [0, 0, 0]]
grid[0][1] = 5
grid[1][2] = 7
print(grid)
row = grid[1]
row[0] = 3
print(grid)
total = 0
for r in grid:
    for v in r:
        total += v
print(total)
