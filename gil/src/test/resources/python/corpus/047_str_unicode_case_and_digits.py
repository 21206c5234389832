# Case changes and isdigit beyond ASCII.
print("élan".upper())
print("ÉCOLE".lower())
print("straße".upper())
print("٣".isdigit())
print("²".isdigit())
print("½".isdigit())
