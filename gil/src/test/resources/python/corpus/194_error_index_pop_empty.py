# pop from an empty list.
a = [1]
print(a.pop())
print(a.pop())
