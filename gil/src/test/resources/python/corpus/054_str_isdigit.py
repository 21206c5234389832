# isdigit is true only for a non-empty run of digits.
for s in ["123", "", "12a", "-1", "0", " 1", "007"]:
    print(repr(s), s.isdigit())
