# Methods chain because each returns a new string.
s = "  Hello World  "
print(s.strip().lower().replace("world", "there").split())
print("-".join("a b c".split()).upper())
print("x,y;z".replace(";", ",").split(","))
print(" ".join(["%", "$"]).strip("%").strip())
