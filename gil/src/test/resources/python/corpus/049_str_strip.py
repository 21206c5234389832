# strip, lstrip and rstrip, with and without characters to strip.
s = "  padded  "
print("[" + s.strip() + "]")
print("[" + s.lstrip() + "]")
print("[" + s.rstrip() + "]")
print("xxhixx".strip("x"))
print("abcba".strip("ab"))
print("\t\n hi \n".strip())
print("--a--".lstrip("-"), "--a--".rstrip("-"))
