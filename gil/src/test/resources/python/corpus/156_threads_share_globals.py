# Threads share the module's globals (processes would not).
import threading
shared = []
def add(tag):
    shared.append(tag)

t = threading.Thread(target=add, args=("from thread",))
t.start()
t.join()
add("from main")
print(shared)
