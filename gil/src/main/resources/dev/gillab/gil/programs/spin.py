# CPU-bound until told to stop: count `chunk` down to zero again and again while keep_going()
# answers True. keep_going is the host's builtin and runs holding the GIL; the convoy lesson,
# benchmark and experiment use it to stop the thread and to count its chunks.
def spin(chunk):
    while True:
        n = chunk
        while n > 0:
            n -= 1
        if not keep_going():
            break
