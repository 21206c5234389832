# f-string fields hold any expression: calls, subscripts, methods and conditionals.
s = "word"
a = [3, "x"]
c = True
print(f"{len(s)} letters")
print(f"{s.upper()}!")
print(f"{a[0] + 1} {a[1]!r}")
print(f"{'yes' if c else 'no'}")
print(f"{['it', None]!r} and {1.5!r}")
print(f"{'😀'} {s!r}")
for i in range(3):
    print(f"row {i}: {i * i}")
