# Sleeps `ms` milliseconds with the GIL released: time.sleep lets go of it for the wait, as
# CPython's does, so other threads run meanwhile. It needs no builtin from the host, and imports
# time itself so that it runs as a function alone, without its module.
def nap(ms):
    import time
    time.sleep(ms / 1000)
