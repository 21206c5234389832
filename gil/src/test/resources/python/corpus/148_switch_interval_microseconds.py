# CPython keeps the interval in whole microseconds and reads it back as us * 1e-6.
import sys
for seconds in [0.05, 0.0001, 0.0000015]:
    sys.setswitchinterval(seconds)
    print(sys.getswitchinterval())
