# Thread arguments: none, one, several, and keywords to Thread itself.
import threading
out = []
lock = threading.Lock()
def none():
    with lock:
        out.append("none")

def one(a):
    with lock:
        out.append(a)

def three(a, b, c):
    with lock:
        out.append(a + b + c)

ts = [threading.Thread(target=none), threading.Thread(target=one, args=("x",)),
      threading.Thread(target=three, args=(1, 2, 3)), threading.Thread(args=(["y"],), target=one)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(out))
names = []
for v in out:
    names.append(repr(v))
print(sorted(names))
