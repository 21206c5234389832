# A builtin called with the wrong number of arguments.
print(len("abc"))
print(len("a", "b"))
