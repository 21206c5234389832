# == between different types is False, not an error.
print(1 == "1")
print("a" == ["a"])
print(None == 0)
print([] == ())
print(None != False)
print(True == 1.0)
