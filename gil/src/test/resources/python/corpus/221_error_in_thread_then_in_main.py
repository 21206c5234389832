# The thread's error goes to stderr; the main thread's own error ends the program.
import threading
def bad():
    return [][0]

t = threading.Thread(target=bad)
t.start()
t.join()
print("thread finished")
print(undefined_in_main_qqq)
