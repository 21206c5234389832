# CPython's switch latency, measured as PolicyBench measures gil-lab's: two CPU-bound threads
# under a 5 ms switch interval, and how long each waits for the GIL once it has lost it.
# A thread that reads the clock on every loop turn sees a gap of more than 1 ms only when it
# was off the GIL: the gap is its wait. Prints one line: waits, p50, p99, max (ms).
import sys
import threading
import time

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
sys.setswitchinterval(0.005)


def work(turns, gaps):
    last = time.perf_counter_ns()
    for _ in range(turns):
        now = time.perf_counter_ns()
        if now - last > 1_000_000:
            gaps.append(now - last)
        last = now


waits = []
for _ in range(ROUNDS):
    per_thread = [[], []]
    threads = [threading.Thread(target=work, args=(3_000_000, g)) for g in per_thread]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for gaps in per_thread:
        waits += gaps[1:]  # the first gap can hold the other thread's start
waits.sort()


def pct(q):
    return waits[min(len(waits) - 1, int(q / 100 * len(waits)))] / 1e6


print(f"{len(waits)} waits, p50 {pct(50):.2f} ms, p99 {pct(99):.2f} ms, max {waits[-1] / 1e6:.2f} ms")
