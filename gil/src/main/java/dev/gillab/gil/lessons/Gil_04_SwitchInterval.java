package dev.gillab.gil.lessons;

import dev.gillab.gil.Code;
import dev.gillab.gil.Examples;
import dev.gillab.gil.GilEvent;
import dev.gillab.gil.Interpreter;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * The switch interval ({@code sys.setswitchinterval}, 5 ms by default) is how long a thread that
 * wants the GIL waits before it asks the holder to drop it. It sets the rhythm of two CPU-bound
 * threads: a shorter interval means more switches and shorter waits (fairer, more overhead), a
 * longer one fewer switches and longer waits. Each interpreter has its own. The waits come from the
 * GIL's event ring: from a thread's {@code WAIT} to its {@code ACQUIRE}.
 *
 * <h2>The program</h2>
 *
 * Both threads run {@code programs/countdown.py} ({@link Examples#countdown()}); the lesson sets
 * the interval from Java, as {@code sys.setswitchinterval} would from Python.
 *
 * <pre>
 * def countdown(n):
 *     while n &gt; 0:
 *         n -= 1
 *     return n
 * </pre>
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl gil exec:java -Dexec.mainClass=dev.gillab.gil.lessons.Gil_04_SwitchInterval
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * getswitchinterval(): 5ms
 * 2 CPU-bound threads, countdown(10,000,000) each, per switch interval:
 *   setswitchinterval(1ms):  switches    68, median wait for the GIL  1.1 ms
 *   setswitchinterval(5ms):  switches    35, median wait for the GIL  5.3 ms
 *   setswitchinterval(20ms): switches    17, median wait for the GIL 20.2 ms
 * a longer interval: fewer switches, each waiter waits about one interval
 * </pre>
 *
 * (Counts and waits vary with the machine's load; the waits track the interval.)
 */
public final class Gil_04_SwitchInterval {
  static final long N = 10_000_000L;

  private Gil_04_SwitchInterval() {}

  public static void main(String[] args) throws Exception {
    run(System.out, N);
  }

  static void run(PrintStream out, long n) throws Exception {
    try (Interpreter in = Interpreter.create()) {
      out.println("getswitchinterval(): " + format(in.switchInterval().orElseThrow()));
      Code countdown = Examples.countdown(); // programs/countdown.py
      in.run(countdown, n / 2); // warm up the JIT
      out.printf("2 CPU-bound threads, countdown(%,d) each, per switch interval:%n", n);
      for (long ms : new long[] {1, 5, 20}) {
        in.setSwitchInterval(Duration.ofMillis(ms));
        in.traceEvents(1 << 16);
        long s0 = in.gil().switchNumber();
        TwoThreads.runToEnd(in, countdown, n);
        long switches = in.gil().switchNumber() - s0;
        List<Long> waits = waits(in.gilEvents());
        Collections.sort(waits);
        double median = waits.isEmpty() ? 0 : waits.get(waits.size() / 2) / 1e6;
        out.printf(
            "  %-24s switches %5d, median wait for the GIL %4.1f ms%n",
            "setswitchinterval(" + ms + "ms):", switches, median);
      }
      in.gil().stopTracing();
      out.println("a longer interval: fewer switches, each waiter waits about one interval");
    }
  }

  /** From each thread's WAIT to its next ACQUIRE. */
  private static List<Long> waits(List<GilEvent> events) {
    Map<Long, Long> since = new HashMap<>();
    List<Long> out = new ArrayList<>();
    for (GilEvent e : events) {
      if (e.kind() == GilEvent.Kind.WAIT) {
        since.put(e.threadId(), e.nanoTime());
      } else if (e.kind() == GilEvent.Kind.ACQUIRE && since.containsKey(e.threadId())) {
        out.add(e.nanoTime() - since.remove(e.threadId()));
      }
    }
    return out;
  }

  private static String format(Duration d) {
    return d.toMillis() + "ms";
  }
}
