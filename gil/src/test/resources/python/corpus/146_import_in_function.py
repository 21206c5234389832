# An import inside a function binds a local name.
def interval():
    import sys
    return sys.getswitchinterval()

def make_lock():
    from threading import Lock
    return Lock()

print(interval())
lk = make_lock()
print(lk.locked())
