# return at module level does not compile; nothing runs, not even the first print.
print("never printed")
return 1
