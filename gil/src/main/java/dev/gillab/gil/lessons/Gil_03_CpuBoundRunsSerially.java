package dev.gillab.gil.lessons;

import dev.gillab.gil.Code;
import dev.gillab.gil.Examples;
import dev.gillab.gil.Interpreter;
import java.io.PrintStream;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * CPU-bound work gains nothing from threads under a GIL: two threads counting down take as long as
 * one thread counting down twice, because only the GIL holder runs; the other waits, asks for the
 * GIL after each 5 ms interval, and then the two swap. The work is interleaved, not parallel.
 * (Processes, each with its own interpreter and GIL, are the way out — the workloads chapter
 * measures that.)
 *
 * <h2>The program</h2>
 *
 * Both threads, and the one thread that does both jobs, run {@code programs/countdown.py} ({@link
 * Examples#countdown()}): no calls, no IO, only the interpreter's own work.
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
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl gil exec:java -Dexec.mainClass=dev.gillab.gil.lessons.Gil_03_CpuBoundRunsSerially
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * countdown(20,000,000) twice, one after the other: 611 ms
 * countdown(20,000,000) in 2 threads at once:       620 ms
 * speed-up from the second thread: 0.99x (2 cores, one GIL)
 * the GIL changed hands 72 times while the two threads ran
 * </pre>
 *
 * (Times and the switch count vary from run to run; the speed-up stays near 1.)
 */
public final class Gil_03_CpuBoundRunsSerially {
  static final long N = 20_000_000L;

  private Gil_03_CpuBoundRunsSerially() {}

  public static void main(String[] args) throws Exception {
    run(System.out, N);
  }

  static void run(PrintStream out, long n) throws Exception {
    try (Interpreter in = Interpreter.create()) {
      Code countdown = Examples.countdown(); // programs/countdown.py
      for (int i = 0; i < 3; i++) {
        in.run(countdown, n); // warm up the JIT
      }
      long t0 = System.nanoTime();
      in.run(countdown, n);
      in.run(countdown, n);
      long sequential = System.nanoTime() - t0;
      long switchesBefore = in.gil().switchNumber();
      t0 = System.nanoTime();
      TwoThreads.runToEnd(in, countdown, n);
      long threaded = System.nanoTime() - t0;
      long switches = in.gil().switchNumber() - switchesBefore;
      out.printf("countdown(%,d) twice, one after the other: %d ms%n", n, sequential / 1_000_000);
      out.printf("countdown(%,d) in 2 threads at once:       %d ms%n", n, threaded / 1_000_000);
      out.printf(
          "speed-up from the second thread: %.2fx (%d cores, one GIL)%n",
          (double) sequential / threaded, Runtime.getRuntime().availableProcessors());
      out.printf("the GIL changed hands %d times while the two threads ran%n", switches);
    }
  }
}
