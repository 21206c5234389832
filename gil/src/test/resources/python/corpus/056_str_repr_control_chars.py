# repr escapes control characters.
print(repr("a\tb\nc\rd"))
print(repr("\x00\x01\x1f"))
print(repr("\x7f"))
print(repr("\x80\x9f"))
print(repr("\x07\x08\x0b\x0c"))
print(repr("\x1b[0m"))
print(["\n", "\t"])
