# Calls probe() until it answers True, and does nothing else: each turn is a call and a backward
# jump, the two places where the GIL may change hands. probe is the host's builtin and runs
# holding the GIL, so it can count the threads inside the eval loop at once (Gil_01, the tests,
# the workloads' probe) or, answering False, keep a thread busy until told to stop.
def probe_loop():
    while not probe():
        pass
