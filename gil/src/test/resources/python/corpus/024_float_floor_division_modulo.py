# // and % on floats follow the same sign rules as on ints.
print(7.5 // 2)
print(-7.5 // 2)
print(7.5 % 2)
print(-7.5 % 2)
print(7.5 % -2)
print(7 // 2.0)
print(-7 // 2.0)
print(6.0 % 3)
