# Unnamed threads are called Thread-N (target), numbered from 1.
import threading
def alpha():
    pass

def beta():
    pass

t1 = threading.Thread(target=alpha)
t2 = threading.Thread(target=beta)
t3 = threading.Thread(target=alpha)
print(t1.name)
print(t2.name)
print(t3.name)
