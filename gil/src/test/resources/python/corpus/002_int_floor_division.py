# Floor division rounds toward negative infinity, not toward zero.
print(7 // 2)
print(-7 // 2)
print(7 // -2)
print(-7 // -2)
print(6 // 3, -6 // 3, 6 // -3)
print(0 // 5, 0 // -5)
print(1 // 3, -1 // 3)
