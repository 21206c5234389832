# String literals, concatenation and repetition.
s = "hello"
t = 'world'
print(s + " " + t)
print(s * 3)
print(3 * "ab")
print("x" * 0 == "")
print("ab" * -2 == "")
print(len(s), len(""))
print("" + "")
