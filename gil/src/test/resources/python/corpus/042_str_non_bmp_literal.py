# Non-ASCII and non-BMP characters written directly in the source.
s = "héllo wörld 中文 𝄞"
print(s)
print(len(s))
print(s[1], s[12], s[-1])
count = 0
for ch in s:
    if ch == "𝄞":
        count += 1
print(count)
