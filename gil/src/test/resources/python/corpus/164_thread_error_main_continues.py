# An uncaught error in a thread is reported on stderr; the program carries on.
import threading
def boom():
    print("thread starts")
    return 1 // 0

t = threading.Thread(target=boom)
t.start()
t.join()
print("main continues", t.is_alive())
