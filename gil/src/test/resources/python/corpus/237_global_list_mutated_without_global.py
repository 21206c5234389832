# Changing a global list's items needs no global statement; rebinding does.
log = []
totals = [0]
def record(x):
    log.append(x)
    totals[0] += x

def replace():
    global log
    log = ["fresh"]

record(3)
record(4)
print(log, totals)
replace()
print(log, totals)
