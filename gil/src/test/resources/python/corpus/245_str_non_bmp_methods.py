# String methods count in code points, also outside the BMP.
s = "😀abc😀"
print(s.find("a"))
print(s.find("😀"))
print(s.count("😀"))
print(s.replace("😀", "*"))
print("x😀y😀z".split("😀"))
print("😀".join(["a", "b"]))
print(s.strip("😀"))
print(len(s.upper()), s.upper())
print("𐐨".upper(), "𐐀".lower())
print(s.startswith("😀a"), s.endswith("c😀"))
