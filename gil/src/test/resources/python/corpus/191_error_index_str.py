# Reading past the end of a str.
s = "abc"
print(s[-3])
print(s[-4])
