# The right operand runs only when needed.
log = []
def t(name):
    log.append(name)
    return True

def f(name):
    log.append(name)
    return False

print(f("a") and t("b"))
print(t("c") or f("d"))
print(f("e") or t("f") and f("g"))
print(not (t("h") and f("i")))
print(log)
