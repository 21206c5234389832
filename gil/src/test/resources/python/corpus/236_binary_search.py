# Binary search on a sorted list with //.
def search(a, x):
    lo = 0
    hi = len(a) - 1
    steps = 0
    while lo <= hi:
        steps += 1
        mid = (lo + hi) // 2
        if a[mid] == x:
            return mid, steps
        elif a[mid] < x:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1, steps

data = list(range(0, 100, 3))
print(search(data, 42))
print(search(data, 43))
print(search(data, 0))
print(search(data, 99))
