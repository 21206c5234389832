# split on whitespace and on a separator.
print("a b  c".split())
print("  lead and trail  ".split())
print("a,b,,c".split(","))
print("".split())
print("".split(","))
print(" x ".split(" "))
print("one<>two<>three".split("<>"))
print("\tx\ny  z\r\n".split())
