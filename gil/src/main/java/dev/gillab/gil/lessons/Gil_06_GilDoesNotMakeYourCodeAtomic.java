package dev.gillab.gil.lessons;

import dev.gillab.gil.Code;
import dev.gillab.gil.Examples;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.SwitchingPolicy;
import java.io.PrintStream;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * The GIL keeps the <em>interpreter</em> consistent — every reference count, every list — not your
 * program. {@code counter += 1} on a global is four instructions (below); if the GIL can change
 * hands between them, two threads read the same value and one increment is lost. It can whenever
 * the eval breaker is checked before every instruction, or under {@code ticks(1)}. With CPython
 * 3.10+'s placement (backward jumps and calls only) no check falls inside {@code counter += 1}, so
 * it happens to come out right — an accident of where checks go, not a promise. Whatever is lost,
 * the heap stays right: nothing leaks, nothing is freed twice.
 *
 * <h2>The program</h2>
 *
 * Both threads run {@code work} of {@code programs/racing_counter.py}; the lesson sets the global
 * {@code counter} to 0 first:
 *
 * <pre>
 * def work(n):
 *     global counter
 *     while n &gt; 0:
 *         counter += 1
 *         n -= 1
 * </pre>
 *
 * Line 13, {@code counter += 1}, is four instructions ({@code gil-lab dis}); a switch after the
 * {@code LOAD_GLOBAL} and before the {@code STORE_GLOBAL} loses the other thread's updates in
 * between:
 *
 * <pre>
 *  13           8 LOAD_GLOBAL              0 (counter)
 *              10 LOAD_CONST               1 (1)
 *              12 BINARY_OP               13 (+=)
 *              14 STORE_GLOBAL             0 (counter)
 * </pre>
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl gil exec:java -Dexec.mainClass=dev.gillab.gil.lessons.Gil_06_GilDoesNotMakeYourCodeAtomic
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * 2 threads each run counter += 1 200,000 times (expected 400,000)
 * broken: breaker checked before every instruction, interval(5ms)
 *   counter = 345,783 of 400,000: 54,217 updates lost; heap after close: 0 objects alive
 * broken: ticks(1), a release after every instruction
 *   counter = 303,817 of 400,000: 96,183 updates lost; heap after close: 0 objects alive
 * lucky: breaker only at backward jumps and calls, interval(5ms)
 *   counter = 400,000 of 400,000: no update lost; heap after close: 0 objects alive
 * the GIL kept every reference count right; only a lock of your own makes counter += 1 atomic
 * </pre>
 *
 * (The lost counts vary from run to run. A broken run loses updates only if a switch falls inside
 * {@code counter += 1}, and under {@code interval(5ms)} a switch comes only once the other thread
 * has waited 5 ms: a run shorter than that, on a fast machine, may have none. So a broken run that
 * loses nothing runs again with each thread counting twice as far, up to ten times; its line then
 * says the larger total.)
 */
public final class Gil_06_GilDoesNotMakeYourCodeAtomic {
  static final long N = 200_000L;

  /**
   * {@code work(n)} of {@code programs/racing_counter.py}: {@code while n > 0: counter += 1; n -=
   * 1}, on the global {@code counter}.
   */
  private static final Code INCREMENT = Examples.function("racing_counter.py", "work");

  private Gil_06_GilDoesNotMakeYourCodeAtomic() {}

  public static void main(String[] args) throws Exception {
    run(System.out, N);
  }

  static void run(PrintStream out, long n) throws Exception {
    out.printf("2 threads each run counter += 1 %,d times (expected %,d)%n", n, 2 * n);
    out.println("broken: breaker checked before every instruction, interval(5ms)");
    out.println("  " + untilLost(SwitchingPolicy.interval(), true, n));
    out.println("broken: ticks(1), a release after every instruction");
    out.println("  " + untilLost(SwitchingPolicy.ticks(1), true, n));
    out.println("lucky: breaker only at backward jumps and calls, interval(5ms)");
    out.println("  " + once(SwitchingPolicy.interval(), false, n).line());
    out.println(
        "the GIL kept every reference count right; only a lock of your own makes counter += 1"
            + " atomic");
  }

  private static String untilLost(SwitchingPolicy policy, boolean every, long n) throws Exception {
    Outcome o = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      o = once(policy, every, n << attempt);
      if (o.lost() > 0) {
        break;
      }
    }
    return o.line();
  }

  private record Outcome(long lost, String line) {}

  private static Outcome once(SwitchingPolicy policy, boolean every, long n) throws Exception {
    StringBuilder leaks = new StringBuilder();
    Interpreter in =
        Interpreter.builder()
            .policy(policy)
            .checkEveryInstruction(every)
            .leakSink(leaks::append)
            .build();
    in.setGlobal("counter", 0L);
    TwoThreads.runToEnd(in, INCREMENT, n);
    long counter = (Long) in.globals().get("counter");
    in.close();
    long lost = 2 * n - counter;
    String heap =
        "heap after close: "
            + in.heap().stats().live()
            + " objects alive"
            + (leaks.length() > 0 ? " (" + leaks + ")" : "");
    String what = lost == 0 ? "no update lost" : String.format("%,d updates lost", lost);
    return new Outcome(
        lost, String.format("counter = %,d of %,d: %s; %s", counter, 2 * n, what, heap));
  }
}
