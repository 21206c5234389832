# CPython's own two-process speed-up, round by round: each round times countdown(n) twice in
# this process, then once in each of two worker processes at the same time, and prints the
# ratio; the last line is the ratios sorted and their median. What one figure of gil-lab's cpu
# experiment is up against on the same machine.
# Run: python3 gil/src/test/resources/python/bench/two_processes_rounds.py [rounds] [n]
import multiprocessing
import sys
import time


def countdown(n):
    while n > 0:
        n -= 1


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 5_000_000
    with multiprocessing.Pool(2) as pool:
        pool.map(countdown, [1000, 1000])  # both workers started before anything is timed
        ratios = []
        for r in range(rounds):
            t = time.perf_counter()
            countdown(n)
            countdown(n)
            one_after_another = time.perf_counter() - t
            t = time.perf_counter()
            pool.map(countdown, [n, n], chunksize=1)
            side_by_side = time.perf_counter() - t
            ratios.append(one_after_another / side_by_side)
            print("round %d: %.2fx" % (r + 1, ratios[-1]))
    ratios.sort()
    print(" ".join("%.2f" % x for x in ratios), "median %.2fx" % ratios[len(ratios) // 2])


if __name__ == "__main__":
    main()
