# Functions return any value, including tuples that unpack.
def divmod_floor(a, b):
    return a // b, a % b

q, r = divmod_floor(-17, 5)
print(q, r)
print(divmod_floor(17, 5))
def pick(flag):
    if flag:
        return [1, 2]
    return

print(pick(True), pick(False))
