# A daemon thread runs like any other when joined.
import threading
out = []
def work():
    out.append("daemon ran")

t = threading.Thread(target=work, daemon=True)
t.start()
t.join()
print(out)
