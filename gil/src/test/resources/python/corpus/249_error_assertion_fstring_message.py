# An assert message can be built with an f-string.
value = 5
assert value > 0, f"value was {value}"
print("first passed")
assert value > 10, f"value was {value}"
