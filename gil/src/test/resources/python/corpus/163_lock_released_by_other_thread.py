# A Lock may be released by another thread: two locks make threads take turns.
import threading
ping_turn = threading.Lock()
pong_turn = threading.Lock()
pong_turn.acquire()
def ping():
    for i in range(3):
        ping_turn.acquire()
        print("ping", i)
        pong_turn.release()

def pong():
    for i in range(3):
        pong_turn.acquire()
        print("pong", i)
        ping_turn.release()

a = threading.Thread(target=ping)
b = threading.Thread(target=pong)
b.start()
a.start()
a.join()
b.join()
print("done")
