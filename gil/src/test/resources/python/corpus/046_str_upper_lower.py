# Case changes.
s = "Hello, World 42!"
print(s.upper())
print(s.lower())
print("".upper() == "")
print("MiXeD".lower().upper())
