# repr keeps printable non-ASCII characters and escapes the rest.
print(repr("café"))
print(repr("中文"))
print(repr("\U0001F600"))
print(repr("\xa0"))
print(repr("\xad"))
print(repr("\u2028"))
print(repr("\ud800"))
