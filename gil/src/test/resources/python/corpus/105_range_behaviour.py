# range values: indexing, len, membership and bool.
r = range(2, 20, 3)
print(r[0], r[-1], len(r))
print(5 in r, 6 in r)
print(bool(range(0)), bool(range(1)))
print(list(r))
print(sum(range(10)))
print(max(range(7)), min(range(3, 9)))
