# None prints as None, is falsy and is a singleton.
x = None
print(x)
print(x is None)
print(x is not None)
print(x == None)
print(not x)
print(bool(None))
print([None, None])
print(str(None), repr(None))
