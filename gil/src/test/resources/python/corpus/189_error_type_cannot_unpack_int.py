# Unpacking something that is not iterable.
a, b = 5
