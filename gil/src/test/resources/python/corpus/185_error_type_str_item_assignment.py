# Strings are immutable.
s = "abc"
s[0] = "x"
