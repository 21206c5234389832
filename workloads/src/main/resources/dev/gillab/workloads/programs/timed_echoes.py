# Timed round trips for as long as more() says. The first, untimed round trip connects and
# settles the GIL, so the two mark()s bracket only the round trips, not the thread's start.
# echo() releases the GIL; mark() and more() hold it. All three come from the experiment.
def timed_echoes():
    echo()
    mark()
    while more():
        echo()
    mark()
