# Unary minus of a string.
s = "x"
print(-s)
