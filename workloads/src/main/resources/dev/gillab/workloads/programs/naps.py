# The IO-bound thread of the report's traced run: nap() `rounds` times. nap() is the
# experiment's builtin, sleeping with the GIL released, so the timeline shows the thread in IO
# beside the two CPU-bound ones.
def naps(rounds):
    while rounds > 0:
        nap()
        rounds -= 1
