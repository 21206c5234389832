# with lock as x binds what acquire returned: True.
from threading import Lock
lock = Lock()
with lock as got:
    print(got)
    print(lock.locked())
print(lock.locked())
with lock:
    print("inside plain with")
