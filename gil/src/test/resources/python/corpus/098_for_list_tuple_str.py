# for iterates lists, tuples and strings alike.
for x in [10, 20]:
    print("list", x)
for x in ("a", None):
    print("tuple", x)
for x in "hi":
    print("str", x)
for x in []:
    print("never")
print("end")
