# Blocking IO, every call releasing the GIL: a nap, then an echo round trip, `rounds` times.
# nap() and echo() are builtins the experiment provides.
def io_rounds(rounds):
    while rounds > 0:
        nap()
        echo()
        rounds -= 1
