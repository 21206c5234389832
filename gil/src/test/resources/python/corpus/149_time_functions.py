# time.sleep waits at least as long as asked; the clocks move forward.
import time
t0 = time.perf_counter()
m0 = time.monotonic()
time.sleep(0.02)
print(time.perf_counter() - t0 >= 0.015)
print(time.monotonic() >= m0)
print(time.time() > 1600000000)
time.sleep(0)
print("slept")
