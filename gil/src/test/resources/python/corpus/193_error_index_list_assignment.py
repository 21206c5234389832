# Assigning past the end of a list.
a = [0]
a[0] = 1
a[1] = 2
