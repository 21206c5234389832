# Takes two locks, the first then the second, meeting the other thread in between, then lets go
# of both: with the other thread passing them the other way round, a deadlock. take(), give()
# and meet() are the experiment's.
def two_locks(first, second):
    take(first)
    meet()
    take(second)
    give(second)
    give(first)
