package dev.gillab.gil.bench;

import dev.gillab.gil.SwitchingPolicy;
import dev.gillab.gil.step.Exhaustion;
import dev.gillab.gil.step.Explorer;
import dev.gillab.gil.step.Goal;
import dev.gillab.gil.step.Granularity;
import dev.gillab.gil.step.Stepper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How many schedules a second the {@link Explorer} runs on the two-thread counter: each of two
 * threads does {@code counter += 1} once, the main thread starts and joins them. Each round
 * exhausts every schedule with at most two preemptions (no schedule reaches the impossible goal,
 * so every one runs to its end), under {@code none} with every instruction a step and under
 * {@code interval} up to each switch point. Prints each round and the medians.
 *
 * <p>Run: {@code mvn -B -q -pl gil -am test-compile} then {@code java -cp <gil's test
 * classpath> dev.gillab.gil.bench.ExplorerSpeed [rounds]}, or {@code mvn -B -q -pl gil exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.gillab.gil.bench.ExplorerSpeed} once the
 * modules below are installed.
 */
public final class ExplorerSpeed {
  static final String COUNTER =
      String.join(
          "\n",
          "import threading",
          "",
          "counter = 0",
          "",
          "",
          "def work():",
          "    global counter",
          "    counter += 1",
          "",
          "",
          "t1 = threading.Thread(target=work)",
          "t2 = threading.Thread(target=work)",
          "t1.start()",
          "t2.start()",
          "t1.join()",
          "t2.join()",
          "print(counter)",
          "");

  private ExplorerSpeed() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Goal never = Goal.globalEquals("counter", "3");
    List<Double> every = new ArrayList<>();
    List<Double> switches = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      every.add(rate(SwitchingPolicy.none(), Granularity.INSTRUCTION, never));
      switches.add(rate(SwitchingPolicy.interval(), Granularity.SWITCH_POINT, never));
      System.out.printf("round %d: %,.0f schedules/s (none, INSTRUCTION), %,.0f schedules/s"
          + " (interval, SWITCH_POINT)%n", r + 1, every.get(r), switches.get(r));
    }
    System.out.printf("median: %,.0f schedules/s (none, INSTRUCTION), %,.0f schedules/s"
        + " (interval, SWITCH_POINT)%n", median(every), median(switches));
  }

  private static double rate(SwitchingPolicy policy, Granularity g, Goal goal) {
    Stepper.Builder program =
        Stepper.builder(COUNTER, "counter.py").policy(policy).granularity(g);
    Explorer explorer = Explorer.builder().maxSchedules(200_000).build();
    long start = System.nanoTime();
    long schedules = 0;
    while (System.nanoTime() - start < 1_000_000_000L) {
      Exhaustion e = explorer.exhaust(program, goal, 2);
      schedules += e.schedules();
    }
    return schedules / ((System.nanoTime() - start) / 1e9);
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
