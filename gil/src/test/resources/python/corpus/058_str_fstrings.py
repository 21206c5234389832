# f-strings with plain and !r fields.
name = "Ada"
n = 3
x = 2.5
print(f"{name} has {n} items")
print(f"{name!r} has {n!r} items")
print(f"{n + 1} next")
print(f"{x} and {x * 2}")
print(f"{[1, 'a']}")
print(f"{None} {True}")
print(f"")
print(f"{name}{name}")
q = "it's"
print(f"quote: {q!r}")
