# Lexicographic comparison of strings.
print("apple" < "banana")
print("Z" < "a")
print("abc" < "abd")
print("ab" < "abc")
print("" < "a")
print("b" > "abc")
print("same" == "same", "same" != "Same")
print("a" <= "a", "a" >= "b")
