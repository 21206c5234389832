# import, import as, from-import and from-import as bind names.
import sys, time, threading
from threading import Thread, Lock
import time as clock
from threading import Lock as L
print(Thread is threading.Thread)
print(Lock is threading.Lock)
print(L is Lock)
print(clock is time)
print(clock.sleep is time.sleep)
