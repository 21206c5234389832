# replace every occurrence.
print("hello".replace("l", "L"))
print("aaa".replace("a", "bb"))
print("abc".replace("x", "y"))
print("a-b-c".replace("-", ""))
print("abc".replace("", "-"))
print("spam spam".replace("spam", "eggs"))
