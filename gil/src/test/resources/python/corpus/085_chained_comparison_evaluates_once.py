# The middle operand of a chain runs once; a false link stops the chain.
calls = []
def mid(v):
    calls.append(v)
    return v

print(0 < mid(5) < 10)
print(calls)
print(0 > mid(1) < mid(2))
print(calls)
print(1 < 2 < mid(3) < mid(0) < mid(9))
print(calls)
