# A thread cannot be joined before it is started.
import threading
def work():
    pass

t = threading.Thread(target=work)
t.join()
