# Nested with blocks release in reverse order, also on return.
import threading
outer = threading.Lock()
inner = threading.Lock()
def both(flag):
    with outer:
        with inner:
            if flag:
                return "early"
            print("both held:", outer.locked(), inner.locked())
        print("inner released:", inner.locked(), "outer held:", outer.locked())
    return "late"

print(both(True), outer.locked(), inner.locked())
print(both(False), outer.locked(), inner.locked())
