# Strings order by code point, so U+FFFF sorts before U+10000.
print("\uffff" < "\U00010000")
print("\U00010000" > "\uffff")
print(sorted(["\U0001F600", "\uffff", "a", "\u00e9"]) == ["a", "\u00e9", "\uffff", "\U0001F600"])
print(max("\ue000", "\U0001F600") == "\U0001F600")
print(min(["zz", "\U0001F600", "\uff21"]) == "zz")
