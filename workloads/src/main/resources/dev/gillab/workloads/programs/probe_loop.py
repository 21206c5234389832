# Calls probe() (the experiment's) until it answers True.
def probe_loop():
    while not probe():
        pass
