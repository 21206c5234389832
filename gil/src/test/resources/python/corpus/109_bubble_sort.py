# Bubble sort with swaps by tuple assignment on subscripts.
a = [5, 1, 4, 2, 8, 0]
n = len(a)
swapped = True
passes = 0
while swapped:
    swapped = False
    for i in range(n - 1):
        if a[i] > a[i + 1]:
            a[i], a[i + 1] = a[i + 1], a[i]
            swapped = True
    passes += 1
print(a, passes)
