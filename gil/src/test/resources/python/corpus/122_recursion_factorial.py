# Recursion: factorial and a recursive sum of a list.
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)

def total(items, i):
    if i == len(items):
        return 0
    return items[i] + total(items, i + 1)

print(fact(0), fact(5), fact(20))
print(total([1, 2, 3, 4], 0))
