# time.sleep refuses a negative duration.
import time
time.sleep(0.001)
print("slept")
time.sleep(-1)
