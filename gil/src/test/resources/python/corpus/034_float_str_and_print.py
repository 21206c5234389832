# str() and print agree on floats; in lists floats print the same way.
vals = [1.0, 0.1, 1e16, 2.5e-6, -0.0]
print(vals)
for v in vals:
    print(str(v), repr(v))
print((1.5, 2.0))
