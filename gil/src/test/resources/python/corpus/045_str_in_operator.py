# in and not in test for substrings.
s = "hello world"
print("ell" in s)
print("xyz" in s)
print("" in s)
print("o w" in s)
print("W" not in s)
print("h" in "h")
