package dev.gillab.gil.lessons;

import dev.gillab.gil.Code;
import dev.gillab.gil.Examples;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterThread;
import dev.gillab.gil.SwitchingPolicy;
import dev.gillab.refcount.CountStrategy;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * Take the GIL away (policy {@code none}, free-threaded CPython's PEP 703) and two threads run
 * bytecode at the same moment. Every {@code LOAD_GLOBAL} of a shared object changes its reference
 * count, so now two threads change one count at once: with {@code PLAIN} counts an increment or a
 * decrement gets lost, and the object is freed while still held (use after free) or never freed (a
 * leak). The heap catches either. The interpreter refuses that combination unless told to run it
 * anyway — as here. {@code ATOMIC} counts (one atomic instruction per change) and {@code BIASED}
 * counts (PEP 703: the owner thread counts plainly, others atomically) run the same program clean.
 *
 * <h2>The program</h2>
 *
 * Both threads run {@code programs/shared_loads.py}; the lesson sets the global {@code shared} to a
 * string and provides {@code rendezvous()}, which waits until both threads are in it:
 *
 * <pre>
 * def shared_loads(n):
 *     rendezvous()
 *     while n &gt; 0:
 *         x = shared
 *         n -= 1
 * </pre>
 *
 * {@code x = shared} is two instructions ({@code gil-lab dis}), and each changes a reference count:
 * {@code LOAD_GLOBAL} takes one more reference to the shared string, {@code STORE_FAST} drops the
 * one {@code x} held, to the same string, from the turn before:
 *
 * <pre>
 *   8          14 LOAD_GLOBAL              1 (shared)
 *              16 STORE_FAST               1 (x)
 * </pre>
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl gil exec:java -Dexec.mainClass=dev.gillab.gil.lessons.Gil_07_FreeThreadingNeedsSafeCounts
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * no GIL, 2 threads at once each load a shared global 1,000,000 times
 * PLAIN counts: refused: interpreter 'plain' has no GIL (policy none) but PLAIN reference counts, which only a GIL keeps correct: use ATOMIC or BIASED, or call allowUnsafePlainCounts(true) to run it anyway and watch the heap catch the damage
 * PLAIN counts, allowUnsafePlainCounts(true): the heap caught it: double free
 * ATOMIC counts: clean (both threads finished, 0 objects alive after close)
 * BIASED counts: clean (both threads finished, 0 objects alive after close)
 * </pre>
 *
 * (Which corruption the PLAIN run hits first varies: a use after free, a double free, or a leak
 * reported at close. A run that hits none is repeated, up to twenty times.)
 */
public final class Gil_07_FreeThreadingNeedsSafeCounts {
  static final long N = 1_000_000L;

  /** {@code shared_loads(n)} of {@code programs/shared_loads.py}: meet, then n loads. */
  private static final Code LOADS = Examples.function("shared_loads.py", "shared_loads");

  private Gil_07_FreeThreadingNeedsSafeCounts() {}

  public static void main(String[] args) throws Exception {
    run(System.out, N);
  }

  static void run(PrintStream out, long n) throws Exception {
    out.printf("no GIL, 2 threads at once each load a shared global %,d times%n", n);
    try {
      Interpreter.builder().name("plain").policy(SwitchingPolicy.none()).build().close();
    } catch (IllegalStateException e) {
      out.println("PLAIN counts: refused: " + e.getMessage());
    }
    String caught = "nothing caught";
    for (int attempt = 0; attempt < 20 && caught.equals("nothing caught"); attempt++) {
      caught = once(CountStrategy.PLAIN, n);
    }
    out.println("PLAIN counts, allowUnsafePlainCounts(true): " + caught);
    out.println("ATOMIC counts: " + once(CountStrategy.ATOMIC, n));
    out.println("BIASED counts: " + once(CountStrategy.BIASED, n));
  }

  private static String once(CountStrategy strategy, long n) throws Exception {
    StringBuilder leaks = new StringBuilder();
    CyclicBarrier barrier = new CyclicBarrier(2);
    Interpreter in =
        Interpreter.builder()
            .name(strategy.name().toLowerCase(java.util.Locale.ROOT))
            .policy(SwitchingPolicy.none())
            .countStrategy(strategy)
            .allowUnsafePlainCounts(true)
            .leakSink(leaks::append)
            .builtin("rendezvous", 0, args -> meet(barrier))
            .build();
    in.setGlobal("shared", "a string both threads load");
    List<InterpreterThread> both = TwoThreads.run(in, LOADS, n);
    Throwable failure = both.stream().flatMap(t -> t.error().stream()).findFirst().orElse(null);
    try {
      in.close();
    } catch (RuntimeException e) {
      failure = failure == null ? e : failure;
    }
    if (failure != null) {
      return "the heap caught it: " + kind(failure);
    }
    if (leaks.length() > 0 || in.heap().stats().live() > 0) {
      return "the heap caught it: leak (" + in.heap().stats().live() + " objects alive at close)";
    }
    if (strategy == CountStrategy.PLAIN) {
      return "nothing caught";
    }
    return "clean (both threads finished, "
        + in.heap().stats().live()
        + " objects alive after close)";
  }

  private static String kind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getSimpleName();
      if (name.equals("UseAfterFreeException")) {
        return "use after free";
      }
      if (name.equals("DoubleFreeException")) {
        return "double free";
      }
    }
    return e.toString();
  }

  private static boolean meet(CyclicBarrier barrier) throws InterruptedException {
    try {
      barrier.await(10, TimeUnit.SECONDS);
      return true;
    } catch (TimeoutException | BrokenBarrierException e) {
      return false;
    }
  }
}
