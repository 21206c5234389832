# sys.getswitchinterval starts at 5 ms; setswitchinterval changes it.
import sys
print(sys.getswitchinterval())
for seconds in [0.001, 0.01, 0.5]:
    sys.setswitchinterval(seconds)
    print(sys.getswitchinterval())
sys.setswitchinterval(0.005)
print(sys.getswitchinterval() == 0.005)
