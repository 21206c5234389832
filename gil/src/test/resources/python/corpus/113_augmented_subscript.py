# Augmented assignment on list items.
a = [1, 2, 3]
a[0] += 10
a[1] *= 5
a[2] -= 7
a[-1] //= 2
print(a)
words = ["ab", "cd"]
words[1] += "!"
print(words)
grid = [[1, 2], [3, 4]]
grid[1][0] += 100
print(grid)
i = 0
a[i + 1] %= 4
print(a)
