# Each thread has its own identity.
import threading
idents = []
def record():
    idents.append(threading.get_ident())

main_id = threading.get_ident()
print(main_id == threading.get_ident())
t = threading.Thread(target=record)
t.start()
t.join()
print(len(idents), idents[0] != main_id)
