# global at module level is allowed and changes nothing.
global z
z = 5
print(z)
