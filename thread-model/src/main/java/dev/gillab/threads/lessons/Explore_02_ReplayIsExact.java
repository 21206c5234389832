package dev.gillab.threads.lessons;

import dev.gillab.threads.explore.Classics;
import dev.gillab.threads.explore.Execution;
import dev.gillab.threads.explore.Explorer;

/**
 * A schedule is a bug report that reproduces every time.
 *
 * <h2>The idea</h2>
 *
 * A race seen under load is hard to debug because it will not happen again on demand. A race found
 * by the explorer comes with its schedule, a compact string such as {@code T1,T2,T1,T2}: the order
 * in which the threads took their steps. Replaying that string runs the same steps in the same
 * order on real threads, and so gives the same result, every time — a thousand times out of a
 * thousand. A schedule that does not fit the program (an unknown thread, a thread run past its last
 * step) is rejected with a message that says what and where.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl thread-model exec:java -Dexec.mainClass=dev.gillab.threads.lessons.Explore_02_ReplayIsExact
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * replay T2,T1,T2,T1 x 1000: x = 1 every time (1000 of 1000)
 * replay T1,T1,T2,T2 x 1000: x = 2 every time (1000 of 1000)
 * replay T1,T2,T3: rejected: schedule step 3 names unknown thread 'T3' (threads: T1, T2)
 * </pre>
 */
public final class Explore_02_ReplayIsExact {
  private Explore_02_ReplayIsExact() {}

  private static final int TIMES = 1000;

  public static void main(String[] args) throws InterruptedException {
    replayMany("T2,T1,T2,T1");
    replayMany("T1,T1,T2,T2");
    try {
      Explorer.defaults().replay(Classics.lostUpdate(2), "T1,T2,T3");
    } catch (IllegalArgumentException e) {
      System.out.println("replay T1,T2,T3: rejected: " + e.getMessage());
    }
  }

  private static void replayMany(String schedule) throws InterruptedException {
    String first = null;
    int same = 0;
    for (int i = 0; i < TIMES; i++) {
      Execution run = Explorer.defaults().replay(Classics.lostUpdate(2), schedule);
      if (first == null) {
        first = run.finalState();
      }
      if (first.equals(run.finalState())) {
        same++;
      }
    }
    System.out.printf(
        "replay %s x %d: %s %s (%d of %d)%n",
        schedule, TIMES, first, same == TIMES ? "every time" : "NOT every time", same, TIMES);
  }
}
