# assert does nothing when its condition holds.
x = 5
assert x == 5
assert x > 0, "x must be positive"
assert [1]
def check(v):
    assert v is not None, "v is None"
    return v

print(check(3))
print("all asserts passed")
