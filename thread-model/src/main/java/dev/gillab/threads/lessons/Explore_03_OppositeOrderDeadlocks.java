package dev.gillab.threads.lessons;

import dev.gillab.threads.explore.Classics;
import dev.gillab.threads.explore.Exploration;
import dev.gillab.threads.explore.Explorer;
import dev.gillab.threads.explore.Outcome;

/**
 * Two threads, two locks, opposite order: the explorer finds the schedules that deadlock.
 *
 * <h2>The idea</h2>
 *
 * T1 takes lock A then B; T2 takes B then A. Most of the time one thread gets both before the other
 * starts and nothing goes wrong, which is why such bugs ship. The explorer never lets a thread
 * block behind its back: a "lock" step is enabled only while its lock is free, and when unfinished
 * threads remain but none has an enabled step, that state is a deadlock. It finds both deadlocking
 * schedules — each thread takes its first lock, then each waits for the other's — and the run still
 * ends, because the explorer owns every thread.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl thread-model exec:java -Dexec.mainClass=dev.gillab.threads.lessons.Explore_03_OppositeOrderDeadlocks
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * exhaustive: 6 schedules, 2 findings (DEADLOCK 2), complete
 *   | T1     | T2
 * - | ------ | ------
 * 1 | lock A
 * 2 |        | lock B
 * schedule: T1,T2
 * DEADLOCK: deadlock: T1 waits at 'lock B'; T2 waits at 'lock A'
 * </pre>
 */
public final class Explore_03_OppositeOrderDeadlocks {
  private Explore_03_OppositeOrderDeadlocks() {}

  public static void main(String[] args) throws InterruptedException {
    Exploration result = Explorer.defaults().exhaustive(Classics.oppositeLockOrder());
    System.out.println(result.summary());
    System.out.print(result.firstFinding(Outcome.DEADLOCK).orElseThrow().table());
  }
}
