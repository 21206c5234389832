package dev.gillab.gil.bench;

import com.google.common.math.Quantiles;
import dev.gillab.gil.Code;
import dev.gillab.gil.Examples;
import dev.gillab.gil.GilEvent;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterThread;
import dev.gillab.gil.SwitchingPolicy;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The policy figures of the chapter, side by side in one run: switch latency under {@code
 * interval(5ms)} from the event ring, beside CPython's on the same machine when there is a {@code
 * python3}; the convoy effect (loopback echo round trips alone and beside a CPU-bound thread, under
 * {@code interval} and {@code ioPriority}); {@code ticks(100)} against {@code interval} on two
 * CPU-bound threads. Args: {@code [rounds] [part]}: rounds (default 5) and one of {@code latency},
 * {@code convoy}, {@code ticks} (default: all three).
 */
public final class PolicyBench {
  private static final Duration BOUND = Duration.ofMinutes(5);

  /**
   * {@code while n > 0: n -= 1}; its source is {@code programs/countdown.py}, see {@link Examples}.
   */
  static final Code COUNTDOWN = Examples.countdown();

  /**
   * Counts down 10,000 at a time, calling keep_going() after each, until it answers False; its
   * source is {@code programs/spin.py}, see {@link Examples}.
   */
  static final Code CPU = Examples.spin();

  /** How far the CPU-bound thread counts down between two {@code keep_going()} calls. */
  static final long CHUNK = 10_000;

  /** echo() n times; its source is {@code programs/echo_loop.py}, see {@link Examples}. */
  static final Code ECHOES = Examples.echoLoop();

  private PolicyBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    String only = args.length > 1 ? args[1] : "all";
    if (!List.of("all", "latency", "convoy", "ticks").contains(only)) {
      System.err.println("usage: PolicyBench [rounds] [latency|convoy|ticks], not " + only);
      System.exit(2);
    }
    System.out.printf(
        "cores: %d, rounds: %d%n", Runtime.getRuntime().availableProcessors(), rounds);
    if (only.equals("all") || only.equals("latency")) {
      switchLatency(rounds);
    }
    if (only.equals("all") || only.equals("convoy")) {
      convoy(rounds);
    }
    if (only.equals("all") || only.equals("ticks")) {
      ticksVsInterval(rounds);
    }
  }

  // ---- switch latency -------------------------------------------------------------------------

  static void switchLatency(int rounds) throws Exception {
    List<Long> waits = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      try (Interpreter in =
          Interpreter.builder().policy(SwitchingPolicy.interval()).traceEvents(1 << 16).build()) {
        in.run(COUNTDOWN, 5_000_000L); // warm up
        in.traceEvents(1 << 16);
        InterpreterThread a = in.start(COUNTDOWN, 30_000_000L);
        InterpreterThread b = in.start(COUNTDOWN, 30_000_000L);
        join(a, b);
        waits.addAll(waitsFor(in.gilEvents()));
      }
    }
    long[] w = waits.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(
        "switch latency, 2 CPU threads, interval(5ms): %d waits, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        w.length, pct(w, 50) / 1e6, pct(w, 99) / 1e6, w[w.length - 1] / 1e6);
    System.out.println(
        "switch latency, 2 CPU threads, python3, 5 ms:  " + cpythonSwitchLatency(rounds));
    long[] late = parkLateness(rounds * 200);
    System.out.printf(
        "the machine's floor: a bare parkNanos(5 ms) beside one spinning thread returns late by"
            + " p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d parks)%n",
        pct(late, 50) / 1e6, pct(late, 99) / 1e6, late[late.length - 1] / 1e6, late.length);
  }

  /**
   * How late {@code parks} timed parks of one interval return, sorted, while one other thread keeps
   * a core busy: the two CPU-bound threads of the latency runs without the GIL. Every waiter of a
   * GIL that waits an interval at a time, CPython's included, pays at least this before it can ask
   * for its turn, so the switch latency's tail cannot be shorter.
   */
  static long[] parkLateness(int parks) throws InterruptedException {
    long interval = SwitchingPolicy.interval().dropRequestDelayNanos();
    AtomicBoolean stop = new AtomicBoolean();
    Thread busy = busyCore(stop);
    long[] late = new long[parks];
    try {
      for (int i = 0; i < parks; i++) {
        long start = System.nanoTime();
        LockSupport.parkNanos(interval);
        late[i] = System.nanoTime() - start - interval;
      }
    } finally {
      stop.set(true);
      busy.join(BOUND.toMillis());
    }
    Arrays.sort(late);
    return late;
  }

  /** Starts a plain Java thread (no interpreter, no GIL) that keeps a core busy until stopped. */
  static Thread busyCore(AtomicBoolean stop) {
    Thread busy =
        new Thread(
            () -> {
              long x = 0;
              while (!stop.get()) {
                x++;
              }
              if (x == 42) {
                System.out.print(""); // keeps the loop from being optimized away
              }
            },
            "busy");
    busy.start();
    return busy;
  }

  /**
   * CPython's own figure, beside gil-lab's in the same run: {@code python/bench/switch_latency.py}
   * run by the machine's {@code python3} (its one output line), or why there is none.
   */
  static String cpythonSwitchLatency(int rounds) throws Exception {
    String script;
    try (InputStream in =
        PolicyBench.class.getResourceAsStream("/python/bench/switch_latency.py")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return Python3.output(BOUND, "-c", script, Integer.toString(rounds))
        .orElse("no python3, or it failed or ran past " + BOUND.toMinutes() + " min");
  }

  /** From each WAIT to the same thread's next ACQUIRE. */
  static List<Long> waitsFor(List<GilEvent> events) {
    Map<Long, Long> since = new HashMap<>();
    List<Long> out = new ArrayList<>();
    for (GilEvent e : events) {
      if (e.kind() == GilEvent.Kind.WAIT) {
        since.put(e.threadId(), e.nanoTime());
      } else if (e.kind() == GilEvent.Kind.ACQUIRE) {
        Long t = since.remove(e.threadId());
        if (t != null) {
          out.add(e.nanoTime() - t);
        }
      }
    }
    return out;
  }

  // ---- convoy ---------------------------------------------------------------------------------

  @SuppressWarnings("try") // closing the server joins its thread; an interrupt is the caller's
  static void convoy(int rounds) throws Exception {
    try (EchoServer server = new EchoServer()) {
      echoes(server, SwitchingPolicy.ioPriority(), 5_000, true); // warm up the JIT, not counted
      double[] alone = new double[rounds];
      double[] aloneBusy = new double[rounds];
      double[] beside = new double[rounds];
      double[] besidePrio = new double[rounds];
      double[] lossInterval = new double[rounds];
      double[] lossPrio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        alone[r] = echoes(server, SwitchingPolicy.interval(), 5_000, false).perRoundTripNanos;
        aloneBusy[r] = echoesBesideBusyCore(server);
        Result i = echoes(server, SwitchingPolicy.interval(), 60, true);
        beside[r] = i.perRoundTripNanos;
        lossInterval[r] = i.cpuLoss;
        Result p = echoes(server, SwitchingPolicy.ioPriority(), 5_000, true);
        besidePrio[r] = p.perRoundTripNanos;
        lossPrio[r] = p.cpuLoss;
      }
      double a = median(alone);
      double b = median(beside);
      double c = median(besidePrio);
      double ab = median(aloneBusy);
      System.out.printf("convoy: echo round trip alone (interval):            %8.1f us%n", a / 1e3);
      System.out.printf(
          "convoy: alone, one core kept busy by a plain Java loop: %5.1f us%n", ab / 1e3);
      System.out.printf(
          "convoy: beside a CPU thread, interval(5ms):          %8.1f us  (%.1fx alone, %.1fx"
              + " alone-busy)%n",
          b / 1e3, b / a, b / ab);
      System.out.printf(
          "convoy: beside a CPU thread, ioPriority(5ms):        %8.1f us  (%.1fx alone, %.1fx"
              + " alone-busy)%n",
          c / 1e3, c / a, c / ab);
      System.out.printf(
          "convoy: CPU thread's throughput lost to the echoes, interval:   %5.1f%% (rounds: %s)%n",
          100 * median(lossInterval), percents(lossInterval));
      System.out.printf(
          "convoy: CPU thread's throughput lost to the echoes, ioPriority: %5.1f%% (rounds: %s)%n",
          100 * median(lossPrio), percents(lossPrio));
    }
  }

  /**
   * Echoes alone on the GIL while a plain Java thread (no interpreter, no GIL) keeps a core busy.
   * On an idle machine a thread blocked on loopback takes longer to wake (the cores sleep), so a
   * busy-machine baseline is the fair one to set the rows beside a CPU-bound thread against.
   */
  static double echoesBesideBusyCore(EchoServer server) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    Thread busy = busyCore(stop);
    try {
      return echoes(server, SwitchingPolicy.interval(), 5_000, false).perRoundTripNanos;
    } finally {
      stop.set(true);
      busy.join(BOUND.toMillis());
    }
  }

  /** Median round-trip time, and the median of the CPU thread's per-pair loss. */
  record Result(double perRoundTripNanos, double cpuLoss) {}

  /**
   * {@link #BURSTS} bursts of n echo round trips, each on a new interpreter thread. With {@code
   * withCpu}, a CPU-bound thread runs on the same interpreter throughout: it warms up, and before
   * each burst it is measured alone for as long as the burst before took, so each pair of rates
   * comes from the same thread, interpreter and policy, back to back. The loss is the median of the
   * pairs' {@code 1 - beside / alone}.
   */
  static Result echoes(EchoServer server, SwitchingPolicy policy, int n, boolean withCpu)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong chunks = new AtomicLong();
    TimedEchoes timed = new TimedEchoes();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        Interpreter in =
            Interpreter.builder()
                .policy(policy)
                .builtin(
                    "keep_going",
                    0,
                    args -> {
                      chunks.incrementAndGet();
                      return !stop.get();
                    })
                .releasingBuiltin("echo", 0, args -> timed.roundTrip(s, chunks))
                .build()) {
      s.setTcpNoDelay(true);
      in.run(ECHOES, 2000L); // warm up
      InterpreterThread cpu = null;
      if (withCpu) {
        cpu = in.start(CPU, CHUNK);
        Thread.sleep(CPU_WARM_UP.toMillis());
      }
      double[] perRoundTrip = new double[BURSTS];
      double[] loss = new double[BURSTS];
      long window = CPU_WARM_UP.toNanos();
      for (int k = 0; k < BURSTS; k++) {
        double alone = withCpu ? cpuRate(chunks, window) : Double.NaN;
        timed.reset();
        InterpreterThread io = in.start(ECHOES, (long) n);
        join(io);
        io.result();
        long t = timed.lastEnd - timed.firstStart;
        perRoundTrip[k] = (double) t / n;
        loss[k] = 1 - ((timed.chunksAtEnd - timed.chunksAtStart) * 1e9 / t) / alone;
        window = t;
      }
      stop.set(true);
      if (cpu != null) {
        join(cpu);
      }
      return new Result(median(perRoundTrip), median(loss));
    }
  }

  /**
   * Times the round trips themselves, from the first one's start to the last one's end, with the
   * CPU thread's chunk count at both ends: starting the IO thread is left out, since beside a CPU
   * thread that start waits for the GIL like any other. Written only by the IO thread; read after
   * it is joined.
   */
  static final class TimedEchoes {
    long firstStart;
    long lastEnd;
    long chunksAtStart;
    long chunksAtEnd;
    private boolean started;

    void reset() {
      started = false;
    }

    Object roundTrip(Socket s, AtomicLong chunks) throws Exception {
      if (!started) {
        started = true;
        chunksAtStart = chunks.get();
        firstStart = System.nanoTime();
      }
      Object r = PolicyBench.roundTrip(s);
      lastEnd = System.nanoTime();
      chunksAtEnd = chunks.get();
      return r;
    }
  }

  private static final int BURSTS = 5;
  private static final Duration CPU_WARM_UP = Duration.ofMillis(300);

  /** The CPU thread's chunks per second over the next {@code nanos}. */
  static double cpuRate(AtomicLong chunks, long nanos) throws InterruptedException {
    long c0 = chunks.get();
    long t0 = System.nanoTime();
    Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    return (chunks.get() - c0) * 1e9 / (System.nanoTime() - t0);
  }

  static String percents(double[] xs) {
    StringBuilder sb = new StringBuilder();
    for (double x : xs) {
      sb.append(sb.length() == 0 ? "" : " ").append(String.format("%.1f", 100 * x));
    }
    return sb.toString();
  }

  static Object roundTrip(Socket s) throws Exception {
    OutputStream out = s.getOutputStream();
    InputStream in = s.getInputStream();
    out.write(42);
    out.flush();
    return (long) in.read();
  }

  /** Echoes every byte on each accepted loopback connection. */
  @SuppressWarnings("try") // close() joins the acceptor thread; an interrupt is the caller's
  static final class EchoServer implements AutoCloseable {
    private final ServerSocket server;
    private final Thread acceptor;

    EchoServer() throws Exception {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    Socket c = server.accept();
                    c.setTcpNoDelay(true);
                    Thread t =
                        new Thread(
                            () -> {
                              try (c) {
                                int b;
                                while ((b = c.getInputStream().read()) >= 0) {
                                  c.getOutputStream().write(b);
                                }
                              } catch (Exception e) {
                                // connection closed
                              }
                            },
                            "echo");
                    t.setDaemon(true);
                    t.start();
                  }
                } catch (Exception e) {
                  // server closed
                }
              },
              "echo-acceptor");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws Exception {
      server.close();
      acceptor.join(5000);
    }
  }

  // ---- ticks vs interval ----------------------------------------------------------------------

  static void ticksVsInterval(int rounds) throws Exception {
    for (SwitchingPolicy p : List.of(SwitchingPolicy.interval(), SwitchingPolicy.ticks(100))) {
      double[] ms = new double[rounds];
      double[] perSecond = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        try (Interpreter in = Interpreter.builder().policy(p).build()) {
          in.run(COUNTDOWN, 5_000_000L);
          long s0 = in.gil().switchNumber();
          long t0 = System.nanoTime();
          InterpreterThread a = in.start(COUNTDOWN, 20_000_000L);
          InterpreterThread b = in.start(COUNTDOWN, 20_000_000L);
          join(a, b);
          long t = System.nanoTime() - t0;
          ms[r] = t / 1e6;
          perSecond[r] = (in.gil().switchNumber() - s0) * 1e9 / t;
        }
      }
      System.out.printf(
          "2 CPU threads x countdown(20M), %-13s total %7.0f ms, %8.0f switches/s%n",
          p.name() + ":", median(ms), median(perSecond));
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  static void join(InterpreterThread... ts) throws InterruptedException {
    for (InterpreterThread t : ts) {
      if (!t.join(BOUND)) {
        throw new IllegalStateException(t.name() + " did not finish");
      }
    }
  }

  static double median(double[] xs) {
    return Quantiles.median().compute(xs);
  }

  static long pct(long[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
