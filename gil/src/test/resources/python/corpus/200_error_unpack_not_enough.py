# Fewer values than targets.
x, y, z = "ab"
