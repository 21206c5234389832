# A Lock may be released by another thread: two locks make threads take turns.
import threading
ping_turn = threading.Lock()
pong_turn = threading.Lock()
pong_turn.acquire()
def play(word, my_turn, their_turn):
    for i in range(3):
        my_turn.acquire()
        print(word, i)
        their_turn.release()

a = threading.Thread(target=play, args=("ping", ping_turn, pong_turn))
b = threading.Thread(target=play, args=("pong", pong_turn, ping_turn))
b.start()
a.start()
a.join()
b.join()
print("done")
