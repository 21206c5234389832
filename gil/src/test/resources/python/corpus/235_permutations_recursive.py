# All orderings of a string, by recursion without slicing.
def without(s, k):
    out = ""
    for i in range(len(s)):
        if i != k:
            out += s[i]
    return out

def perms(s):
    if len(s) <= 1:
        return [s]
    result = []
    for i in range(len(s)):
        for rest in perms(without(s, i)):
            result.append(s[i] + rest)
    return result

print(perms("abc"))
print(len(perms("abcd")))
