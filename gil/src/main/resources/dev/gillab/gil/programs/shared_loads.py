# Loads one shared global n times and does nothing else with it: each x = shared is a
# LOAD_GLOBAL (one more reference to the shared object) and a STORE_FAST (one fewer to the object
# x held before), so two threads running it change one reference count at once. shared and
# rendezvous are the host's: rendezvous() lines the threads up first, so they really run at once.
def shared_loads(n):
    rendezvous()
    while n > 0:
        x = shared
        n -= 1
