# find returns an index or -1; count counts non-overlapping occurrences.
s = "banana"
print(s.find("an"))
print(s.find("z"))
print(s.find(""))
print(s.find("a"))
print(s.count("an"))
print(s.count("a"))
print("aaaa".count("aa"))
print("abc".count(""))
