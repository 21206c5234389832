# CPU-bound until told to stop: count `chunk` down to zero again and again while keep_going()
# (a builtin the experiment provides, holding the GIL) answers True.
def spin(chunk):
    while True:
        n = chunk
        while n > 0:
            n -= 1
        if not keep_going():
            break
