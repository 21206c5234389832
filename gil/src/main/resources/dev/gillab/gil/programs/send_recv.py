# IO-bound: n echo round trips, each a send(42) and a recv() of the reply. send and recv are the
# host's builtins; in Gil_05 each releases the GIL while it blocks, so a round trip lets go of
# the GIL twice and must get it back twice.
def send_recv(n):
    while n > 0:
        send(42)
        recv()
        n -= 1
