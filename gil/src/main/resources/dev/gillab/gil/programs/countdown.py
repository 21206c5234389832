# The CPU-bound loop of Beazley's GIL talks: no calls, no IO, only the interpreter's own work
# and an eval-breaker check at each backward jump.
def countdown(n):
    while n > 0:
        n -= 1
    return n
