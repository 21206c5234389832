# The switch interval must be positive.
import sys
sys.setswitchinterval(0.002)
print(sys.getswitchinterval())
sys.setswitchinterval(0)
