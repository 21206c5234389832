# A function is a value: stored, passed and called later.
def double(x):
    return 2 * x

def square(x):
    return x * x

def apply_all(fns, v):
    out = []
    for fn in fns:
        out.append(fn(v))
    return out

print(apply_all([double, square, double], 5))
f = square
print(f(9))
ops = (double, square)
print(ops[1](ops[0](3)))
