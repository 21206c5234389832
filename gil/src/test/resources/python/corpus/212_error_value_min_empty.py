# min of an empty sequence.
print(min([3]))
print(min([]))
