# Prefix and suffix tests.
name = "report_2024.txt"
print(name.startswith("report"))
print(name.endswith(".txt"))
print(name.endswith(".csv"))
print(name.startswith(""))
print("".endswith(""))
print("ab".startswith("abc"))
