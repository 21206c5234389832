# CPython keeps the interval in whole microseconds and reads it back as us * 1e-6.
import sys
sys.setswitchinterval(0.05)
print(sys.getswitchinterval())
sys.setswitchinterval(0.0001)
print(sys.getswitchinterval())
sys.setswitchinterval(0.0000015)
print(sys.getswitchinterval())
