# find returns an index or -1; count counts non-overlapping occurrences.
s = "banana"
for sub in ["an", "z", "", "a"]:
    print(s.find(sub))
for text, sub in [(s, "an"), (s, "a"), ("aaaa", "aa"), ("abc", "")]:
    print(text.count(sub))
