package dev.gillab.gil.bench;

import dev.gillab.gil.step.Exhaustion;
import dev.gillab.gil.step.Explorer;
import dev.gillab.gil.step.Goal;
import dev.gillab.gil.step.Granularity;
import dev.gillab.gil.step.Levels;
import dev.gillab.gil.step.Stepper;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How many schedules a second the {@link Explorer} runs on the two-thread counter: each of two
 * threads does {@code counter += 1} once, the main thread starts and joins them (the program of
 * levels 1 to 3). Each measurement exhausts every schedule with at most three preemptions, a goal
 * no schedule reaches keeping every one running to its end: under {@code none} with every
 * instruction a step (3,358 schedules of about 50 steps each), and under {@code interval} up to
 * each switch point (7 schedules, so mostly the cost of starting runs). Rates are given per second
 * of the measuring thread's CPU time, which a busy machine does not inflate, and per second of
 * wall-clock time; the first rounds (12 of 25 by default) warm the JIT up, which takes long on a
 * busy machine, where the compiler threads wait for a core too. Prints each round, the medians of
 * the rounds after the warm-up, and the load average.
 *
 * <p>Run: {@code mvn -B -q install -DskipTests && mvn -B -q -pl gil exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.gillab.gil.bench.ExplorerSpeed}, with {@code
 * -Dexec.args="ROUNDS WARMUP"} for other than 25 rounds, 12 of them warm-up.
 */
public final class ExplorerSpeed {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private ExplorerSpeed() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 25;
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 12;
    Goal never = Goal.globalEquals("counter", "3");
    // Level 1's program with every instruction a step; level 3 is the same under interval.
    Stepper.Builder every =
        Levels.byId("lost-update-no-gil").program().granularity(Granularity.INSTRUCTION);
    Stepper.Builder switches = Levels.byId("gil-keeps-plus-equals-whole").program();
    List<double[]> everyRates = new ArrayList<>();
    List<double[]> switchRates = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      double[] a = rate(every, never);
      double[] b = rate(switches, never);
      System.out.printf(
          "round %d: none, INSTRUCTION %,.0f/s CPU %,.0f/s wall;"
              + " interval, SWITCH_POINT %,.0f/s CPU %,.0f/s wall%n",
          r + 1, a[0], a[1], b[0], b[1]);
      if (r >= warmUp) {
        everyRates.add(a);
        switchRates.add(b);
      }
    }
    System.out.printf(
        "median after %d warm-up rounds, schedules per second of CPU (of wall):%n", warmUp);
    System.out.printf(
        "  none, INSTRUCTION:     %,.0f (%,.0f)%n", median(everyRates, 0), median(everyRates, 1));
    System.out.printf(
        "  interval, SWITCH_POINT: %,.0f (%,.0f)%n",
        median(switchRates, 0), median(switchRates, 1));
    System.out.printf(
        "  load average %.2f%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** Exhausts {@code program} for about a second: schedules per CPU second and wall second. */
  private static double[] rate(Stepper.Builder program, Goal goal) {
    Explorer explorer = Explorer.defaults();
    long wall = System.nanoTime();
    long cpu = CPU.getCurrentThreadCpuTime();
    long schedules = 0;
    while (System.nanoTime() - wall < 1_000_000_000L) {
      Exhaustion e = explorer.exhaust(program, goal, 3);
      schedules += e.schedules();
    }
    double cpuSeconds = (CPU.getCurrentThreadCpuTime() - cpu) / 1e9;
    double wallSeconds = (System.nanoTime() - wall) / 1e9;
    return new double[] {schedules / cpuSeconds, schedules / wallSeconds};
  }

  private static double median(List<double[]> xs, int column) {
    List<Double> s = new ArrayList<>();
    for (double[] x : xs) {
      s.add(x[column]);
    }
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
