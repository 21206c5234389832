package dev.gillab.gil.bench;

import com.google.common.math.Quantiles;
import dev.gillab.gil.AsmCountdown;
import dev.gillab.gil.Assembler;
import dev.gillab.gil.Code;
import dev.gillab.gil.Examples;
import dev.gillab.gil.Interpreter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Countdown ({@code while n > 0: n -= 1}, {@link Examples#countdown()}, compiled from {@code
 * countdown.py}; beside it the same loop in hand-written assembler) on one thread with the GIL in
 * force, against CPython running the same loop, measured in the same run: rounds alternate between
 * the two so that both see the same machine load. Prints each round and the medians.
 *
 * <p>Run: {@code mvn -B -q install -DskipTests && mvn -B -q -pl gil exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.gillab.gil.bench.CountdownVsCPython}
 */
public final class CountdownVsCPython {
  // The program reads better on its own than inlined into the call that fills it in.
  @SuppressWarnings("InlineFormatString")
  private static final String PYTHON =
      """
      import time
      def countdown(n):
          while n > 0:
              n -= 1
      N = %d
      for _ in range(%d):
          t = time.perf_counter_ns(); countdown(N); print(time.perf_counter_ns() - t)
      """;

  /**
   * The loop as it was written by hand before the compiler: the baseline the compiled one must
   * match.
   */
  private static final String ASSEMBLER = AsmCountdown.source();

  private CountdownVsCPython() {}

  public static void main(String[] args) throws Exception {
    long n = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000L;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Code code = Examples.countdown();
    Code handWritten = Assembler.assemble("countdown", ASSEMBLER);
    List<Double> java = new ArrayList<>();
    List<Double> assembler = new ArrayList<>();
    List<Double> python = new ArrayList<>();
    try (Interpreter in = Interpreter.create()) {
      for (int i = 0; i < 3; i++) {
        in.run(code, n / 4); // JIT warm-up
        in.run(handWritten, n / 4);
      }
      for (int r = 0; r < rounds; r++) {
        java.add(rate(in, code, n));
        assembler.add(rate(in, handWritten, n));
        Double py = python(n);
        if (py != null) {
          python.add(py);
        }
        System.out.printf(
            "round %d: gil-lab compiled from Python %.1f M it/s, hand-written assembler %.1f M it/s,"
                + " CPython %s%n",
            r + 1,
            java.get(r) / 1e6,
            assembler.get(r) / 1e6,
            py == null ? "n/a" : String.format("%.1f M it/s", py / 1e6));
      }
    }
    double j = median(java);
    System.out.printf(
        "countdown(%,d), median of %d: gil-lab %.1f M it/s (assembler %.1f M it/s, %.2fx of it)",
        n, rounds, j / 1e6, median(assembler) / 1e6, j / median(assembler));
    if (!python.isEmpty()) {
      double p = median(python);
      System.out.printf(", CPython %.1f M it/s, ratio %.2fx%n", p / 1e6, j / p);
    } else {
      System.out.println(", python3 not found");
    }
  }

  private static double rate(Interpreter in, Code code, long n) {
    long t0 = System.nanoTime();
    in.run(code, n);
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  /** One CPython run (the loop timed inside the interpreter), as iterations per second. */
  private static Double python(long n) throws InterruptedException {
    return Python3.output(Duration.ofMinutes(5), "-c", String.format(PYTHON, n, 1))
        .map(out -> n / (Long.parseLong(out) / 1e9))
        .orElse(null);
  }

  static double median(List<Double> xs) {
    return Quantiles.median().compute(xs);
  }
}
