# Adjacent literals are joined at compile time.
s = "abc" "def"
print(s)
print("one " 'two ' """three""")
print(len("a" "b" "c"))
