# Indexing None.
def lookup():
    return None

print(lookup()[0])
