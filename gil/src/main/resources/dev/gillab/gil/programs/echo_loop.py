# IO-bound: n round trips, each through echo(), a builtin the host provides that releases the
# GIL while it waits for the reply.
def echo_loop(n):
    while n > 0:
        echo()
        n -= 1
