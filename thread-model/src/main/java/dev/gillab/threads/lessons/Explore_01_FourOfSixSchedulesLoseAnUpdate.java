package dev.gillab.threads.lessons;

import dev.gillab.threads.explore.Classics;
import dev.gillab.threads.explore.Exploration;
import dev.gillab.threads.explore.Explorer;

/**
 * Every schedule of two threads running {@code x += 1}: four of the six lose an update.
 *
 * <h2>The idea</h2>
 *
 * {@code x += 1} is not one step. An interpreter (CPython's bytecode, the JVM's {@code getfield /
 * iadd / putfield}) reads {@code x} into a temporary, adds one, and writes it back. Between the
 * read and the write, another thread may run. Instead of hoping a race shows up under load, the
 * explorer runs the program under <em>every</em> order in which two threads' four steps can
 * interleave — there are C(4,2) = 6 — on real threads, one step at a time. Four of the six orders
 * leave {@code x = 1}: an update lost. With three threads there are 90 orders and only the 6 serial
 * ones are right.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl thread-model exec:java -Dexec.mainClass=dev.gillab.threads.lessons.Explore_01_FourOfSixSchedulesLoseAnUpdate
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * Two threads run x += 1 as two steps each: tmp = x, then x = tmp + 1.
 * Every schedule, from x = 0:
 *   T1,T1,T2,T2  x = 2
 *   T1,T2,T1,T2  x = 1  (lost update)
 *   T1,T2,T2,T1  x = 1  (lost update)
 *   T2,T1,T1,T2  x = 1  (lost update)
 *   T2,T1,T2,T1  x = 1  (lost update)
 *   T2,T2,T1,T1  x = 2
 * exhaustive: 6 schedules, 4 findings (INVARIANT_VIOLATED 4), complete
 *
 * The first lost update, step by step:
 *   | T1                     | T2
 * - | ---------------------- | ----------------------
 * 1 | tmp = x  [read 0]
 * 2 |                        | tmp = x  [read 0]
 * 3 | x = tmp + 1  [wrote 1]
 * 4 |                        | x = tmp + 1  [wrote 1]
 * schedule: T1,T2,T1,T2
 * INVARIANT_VIOLATED: invariant 'x == 2' violated: x = 1
 *
 * Three threads: exhaustive: 90 schedules, 84 findings (INVARIANT_VIOLATED 84), complete
 * </pre>
 */
public final class Explore_01_FourOfSixSchedulesLoseAnUpdate {
  private Explore_01_FourOfSixSchedulesLoseAnUpdate() {}

  public static void main(String[] args) throws InterruptedException {
    Explorer explorer = Explorer.defaults();
    System.out.println("Two threads run x += 1 as two steps each: tmp = x, then x = tmp + 1.");
    System.out.println("Every schedule, from x = 0:");
    Exploration two =
        explorer.exhaustive(
            Classics.lostUpdate(2),
            run ->
                System.out.println(
                    "  "
                        + run.schedule()
                        + "  "
                        + run.finalState()
                        + (run.isFinding() ? "  (lost update)" : "")));
    System.out.println(two.summary());
    System.out.println();
    System.out.println("The first lost update, step by step:");
    System.out.print(two.firstFinding().orElseThrow().table());
    System.out.println();
    System.out.println("Three threads: " + explorer.exhaustive(Classics.lostUpdate(3)).summary());
  }
}
