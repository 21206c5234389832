# The shapes gil-lab reproduces, measured on CPython itself, with the sizes gil-lab uses.
# Usage: python3 cpython_shapes.py '<json settings>'; prints one JSON object on stdout,
# progress on stderr. The echo server is gil-lab's own (8-byte requests: the reply delay in
# microseconds, big-endian; the reply is the same 8 bytes), so both sides time the same far end.
import json
import multiprocessing
import socket
import statistics
import struct
import sys
import threading
import time

settings = json.loads(sys.argv[1])
PORT = settings["echoPort"]


def say(line):
    print("  cpython " + line, file=sys.stderr, flush=True)


def countdown(n):
    while n > 0:
        n -= 1


def connect():
    s = socket.create_connection(("127.0.0.1", PORT))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def echo(s, delay_micros):
    s.sendall(struct.pack(">q", delay_micros))
    got = b""
    while len(got) < 8:
        chunk = s.recv(8 - len(got))
        if not chunk:
            raise ConnectionError("the echo server closed the connection")
        got += chunk


def timed(f):
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


def interleaved(name, modes):
    """Every mode warms up, then the modes take turns, round by round; the medians."""
    samples = {m: [] for m in modes}
    for i in range(settings["warmups"]):
        for m, f in modes.items():
            say("%s %s: warm-up %d/%d" % (name, m, i + 1, settings["warmups"]))
            f()
    for i in range(settings["repeats"]):
        for m, f in modes.items():
            say("%s %s: run %d/%d" % (name, m, i + 1, settings["repeats"]))
            samples[m].append(f())
    return {m: statistics.median(v) for m, v in samples.items()}


def in_threads(target, args_list):
    ts = [threading.Thread(target=target, args=a) for a in args_list]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


def cpu(pool):
    n, w = settings["countdown"], settings["cpuWorkers"]
    return interleaved("cpu", {
        "sequential": lambda: timed(lambda: [countdown(n) for _ in range(w)]),
        "threads-gil": lambda: timed(lambda: in_threads(countdown, [(n,)] * w)),
        # The pool's processes are started (and have run a task) before anything is timed.
        "processes": lambda: timed(lambda: pool.map(countdown, [n] * w)),
    })


def io_worker(delay_micros, rounds):
    s = connect()
    try:
        for _ in range(rounds):
            time.sleep(delay_micros / 1e6)
            echo(s, delay_micros)
    finally:
        s.close()


def io():
    w, rounds, d = settings["ioWorkers"], settings["ioRounds"], settings["ioDelayMicros"]
    return interleaved("io", {
        "sequential": lambda: timed(lambda: [io_worker(d, rounds) for _ in range(w)]),
        "threads-gil": lambda: timed(lambda: in_threads(io_worker, [(d, rounds)] * w)),
    })


stop = threading.Event()


def spin():
    while not stop.is_set():
        n = 100000
        while n > 0:
            n -= 1


def round_trips(n, seconds):
    s = connect()
    try:
        echo(s, 0)  # connects and settles; not timed
        done, start = 0, time.perf_counter()
        while done < n and (seconds is None or time.perf_counter() - start < seconds):
            echo(s, 0)
            done += 1
        return (time.perf_counter() - start) / done * 1e6
    finally:
        s.close()


def beside(k):
    stop.clear()
    ts = [threading.Thread(target=spin) for _ in range(k)]
    for t in ts:
        t.start()
    try:
        time.sleep(0.01)  # the CPU-bound threads are running bytecode
        return round_trips(settings["convoyRoundTripsBeside"], settings["convoyBesideSeconds"])
    finally:
        stop.set()
        for t in ts:
            t.join()


def convoy():
    modes = {"alone": lambda: round_trips(settings["convoyRoundTripsAlone"], None)}
    for k in range(1, settings["convoyCpuThreads"] + 1):
        modes["beside %d" % k] = lambda k=k: beside(k)
    return interleaved("convoy", modes)


if __name__ == "__main__":
    sys.setswitchinterval(settings["switchIntervalSeconds"])
    with multiprocessing.Pool(settings["cpuWorkers"]) as pool:
        pool.map(countdown, [1000] * settings["cpuWorkers"])
        result = {"version": sys.version.split()[0], "cpu": cpu(pool)}
    result["io"] = io()
    result["convoy"] = convoy()
    print(json.dumps(result))
