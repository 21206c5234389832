# Recursion 180 frames deep is fine (CPython allows 1000).
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)

print(depth(100))
print(depth(180))
