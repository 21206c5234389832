package dev.gillab.gil.lessons;

import dev.gillab.gil.Code;
import dev.gillab.gil.Examples;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterThread;
import dev.gillab.gil.SwitchingPolicy;
import java.io.PrintStream;
import java.util.List;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * Before CPython 3.2 the holder released the GIL every 100 "ticks" and took it straight back,
 * trusting the OS to let a waiter in. On one core that works: the release is a chance for the
 * scheduler. On several cores the waiter is woken on another core, and by the time it runs the
 * releaser — still running — has taken the GIL again. Most releases are re-taken by the thread that
 * let go; each costs a futile wake-up; switches are many and uneven. Beazley measured two CPU-bound
 * threads running slower than one. {@code interval} (since 3.2) releases far less often and, with
 * forced switching, each release is a real switch.
 *
 * <h2>The program</h2>
 *
 * Both threads run {@code programs/countdown.py} ({@link Examples#countdown()}):
 *
 * <pre>
 * def countdown(n):
 *     while n &gt; 0:
 *         n -= 1
 *     return n
 * </pre>
 *
 * A turn of its loop is nine instructions ({@code gil-lab dis}), and the only eval-breaker check is
 * the backward jump. {@code ticks(100)} counts every instruction but can act only there: after 12
 * turns (108 instructions), so each thread releases the GIL 10,000,000 / 12 = 833,333 times.
 *
 * <pre>
 *   4     &gt;&gt;    0 LOAD_FAST                0 (n)
 *               2 LOAD_CONST               0 (0)
 *               4 COMPARE_OP               4 (&gt;)
 *               6 POP_JUMP_IF_FALSE        5 (to 18)
 *
 *   5           8 LOAD_FAST                0 (n)
 *              10 LOAD_CONST               1 (1)
 *              12 BINARY_OP               23 (-=)
 *              14 STORE_FAST               0 (n)
 *
 *   4          16 JUMP_BACKWARD            9 (to 0)
 * </pre>
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl gil exec:java -Dexec.mainClass=dev.gillab.gil.lessons.Gil_08_OldGilThrashes
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * 2 threads, countdown(10,000,000) each, 2 cores
 * ticks(100):    releases 1,666,666, switches 211, re-taken by the releaser 100.0%, 1172 ms
 * interval(5ms): releases 55, switches 57, re-taken by the releaser 0.0%, 602 ms
 * ticks released the GIL 30,303x as often to switch it 3x as often
 * </pre>
 *
 * (Counts and times vary; the shape — ticks releasing constantly and mostly taking the GIL back —
 * does not.)
 */
public final class Gil_08_OldGilThrashes {
  static final long N = 10_000_000L;

  private Gil_08_OldGilThrashes() {}

  public static void main(String[] args) throws Exception {
    run(System.out, N);
  }

  static void run(PrintStream out, long n) throws Exception {
    out.printf(
        "2 threads, countdown(%,d) each, %d cores%n",
        n, Runtime.getRuntime().availableProcessors());
    long[] ticks = once(out, SwitchingPolicy.ticks(100), n, "ticks(100):   ");
    long[] interval = once(out, SwitchingPolicy.interval(), n, "interval(5ms):");
    out.printf(
        "ticks released the GIL %,dx as often to switch it %,dx as often%n",
        ticks[0] / Math.max(1, interval[0]), ticks[1] / Math.max(1, interval[1]));
  }

  /** Answers {releases, switches}. */
  private static long[] once(PrintStream out, SwitchingPolicy policy, long n, String label)
      throws Exception {
    try (Interpreter in = Interpreter.builder().policy(policy).build()) {
      Code countdown = Examples.countdown(); // programs/countdown.py
      in.run(countdown, n / 4); // warm up the JIT
      long s0 = in.gil().switchNumber();
      long t0 = System.nanoTime();
      List<String> names =
          TwoThreads.runToEnd(in, countdown, n).stream().map(InterpreterThread::name).toList();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      long switches = in.gil().switchNumber() - s0;
      // Each acquisition after a thread's first follows one of its periodic releases.
      long releases =
          in.gilStats().threads().stream()
              .filter(t -> names.contains(t.threadName()))
              .mapToLong(t -> t.acquisitions() - 1)
              .sum();
      long retaken = Math.max(0, releases - switches);
      out.printf(
          "%s releases %,d, switches %,d, re-taken by the releaser %.1f%%, %d ms%n",
          label, releases, switches, releases == 0 ? 0.0 : 100.0 * retaken / releases, ms);
      return new long[] {releases, switches};
    }
  }
}
