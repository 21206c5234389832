# Hammers the shared global list xs: n times, append n, take an alias of the list and drop it,
# read its length. Every step changes reference counts of shared objects. rendezvous() (from
# the experiment) lines the threads up first, so they really run at once.
def hammer(n):
    rendezvous()
    while n > 0:
        xs.append(n)
        alias = xs
        len(alias)
        n -= 1
