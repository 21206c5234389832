# sum starts from 0, so summing strs fails.
print(sum([1, 2]))
print(sum(["a", "b"]))
