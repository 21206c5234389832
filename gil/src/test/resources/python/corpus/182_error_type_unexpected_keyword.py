# A keyword that names no parameter.
def area(width, height):
    return width * height

print(area(width=1, height=2))
print(area(width=1, depth=2))
