# A thread can be started only once.
import threading
def work():
    pass

t = threading.Thread(target=work)
t.start()
t.join()
print("first start ok")
t.start()
