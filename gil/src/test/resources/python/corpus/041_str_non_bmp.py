# A str is a sequence of code points, even outside the BMP.
s = "a\U0001F600b"
print(len(s))
print(s[1])
print(s[2])
print(s[-2] == "\U0001F600")
e = "😀🎉"
print(len(e))
for ch in e:
    print(ch)
print("😀" * 3)
