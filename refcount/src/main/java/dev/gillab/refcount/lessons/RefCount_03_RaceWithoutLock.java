package dev.gillab.refcount.lessons;

import dev.gillab.threads.explore.Execution;
import dev.gillab.threads.explore.Exploration;
import dev.gillab.threads.explore.Explorer;
import dev.gillab.threads.explore.Outcome;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * A plain count is changed by reading it and writing it back ({@code tmp = count; count = tmp +
 * 1}). Two threads doing that at once can each read the same value, and then one write overwrites
 * the other. Lose a decrement and the count stays above zero after every holder let go: a leak.
 * Lose an increment and the count reaches zero while someone still holds the object: it is freed
 * under their feet. The explorer runs every interleaving of two holders and shows one schedule of
 * each; the heap catches both (a use-after-free exception, a leak report).
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl refcount exec:java -Dexec.mainClass=dev.gillab.refcount.lessons.RefCount_03_RaceWithoutLock
 * </pre>
 *
 * <h2>Output</h2>
 *
 * (the source line numbers in the leak report change as the source does)
 *
 * <pre>
 * T1 lets go of its reference; T2 takes a second one, drops it, uses the
 * object, lets go. PLAIN count, no lock, every schedule:
 * exhaustive: 36 schedules, 26 findings (INVARIANT_VIOLATED 24, STEP_FAILED 2), complete
 *
 * Count reached 0 while T2 still held the object (use-after-free, caught):
 *   | T1                         | T2
 * - | -------------------------- | ---------------------------------
 * 1 | tmp = count  [read 2]
 * 2 |                            | tmp = count  [read 2]
 * 3 |                            | count = tmp + 1  [wrote 3]
 * 4 | count = tmp - 1  [wrote 1]
 * 5 |                            | tmp = count  [read 1]
 * 6 |                            | count = tmp - 1  [wrote 0, freed]
 * 7 |                            | use value
 * schedule: T1,T2,T2,T1,T2,T2,T2
 * STEP_FAILED: step 'use value' of T2 threw dev.gillab.refcount.UseAfterFreeException: use after free: object #1 has refCount 0; value() refused
 *
 * Count stayed above 0 after every holder let go (a leak, reported):
 *   | T1                         | T2
 * - | -------------------------- | --------------------------
 * 1 | tmp = count  [read 2]
 * 2 |                            | tmp = count  [read 2]
 * 3 | count = tmp - 1  [wrote 1]
 * 4 |                            | count = tmp + 1  [wrote 3]
 * 5 |                            | tmp = count  [read 3]
 * 6 |                            | count = tmp - 1  [wrote 2]
 * 7 |                            | use value  [read 'shared']
 * 8 |                            | tmp = count  [read 2]
 * 9 |                            | count = tmp - 1  [wrote 1]
 * schedule: T1,T2,T1,T2,T2,T2,T2,T2,T2
 * INVARIANT_VIOLATED: invariant 'freed once every holder let go' violated: refCount 1, freed false, live 1
 * heap 'plain': 1 object still alive
 * object #1 String(shared) refCount=1
 *   allocated at CountRaces.twoHolders(CountRaces.java:156)
 *   incRef -&gt; 3 on explore-plain_counts,_no_lock-T2 at CountRaces.lambda$change$16(CountRaces.java:174)
 *   decRef -&gt; 2 on explore-plain_counts,_no_lock-T2 at CountRaces.lambda$change$16(CountRaces.java:174)
 *   value() -&gt; 2 on explore-plain_counts,_no_lock-T2 at CountRaces.lambda$use$19(CountRaces.java:195)
 *   decRef -&gt; 1 on explore-plain_counts,_no_lock-T2 at CountRaces.lambda$change$16(CountRaces.java:174)
 * </pre>
 */
public final class RefCount_03_RaceWithoutLock {
  private RefCount_03_RaceWithoutLock() {}

  public static void main(String[] args) throws InterruptedException {
    Explorer explorer = Explorer.defaults();
    System.out.println("T1 lets go of its reference; T2 takes a second one, drops it, uses the");
    System.out.println("object, lets go. PLAIN count, no lock, every schedule:");
    Exploration all = explorer.exhaustive(CountRaces.plain(false, null));
    System.out.println(all.summary());

    Execution freedTooEarly =
        all.findings().stream()
            .filter(e -> e.outcome() == Outcome.STEP_FAILED)
            .findFirst()
            .orElseThrow();
    System.out.println();
    System.out.println("Count reached 0 while T2 still held the object (use-after-free, caught):");
    System.out.print(freedTooEarly.table());

    Execution leaked = all.firstFinding(Outcome.INVARIANT_VIOLATED).orElseThrow();
    System.out.println();
    System.out.println("Count stayed above 0 after every holder let go (a leak, reported):");
    System.out.print(leaked.table());

    // The same schedule again on a debug heap, which names the object the leak report lists.
    CountRaces.LastState last = new CountRaces.LastState();
    explorer.replay(CountRaces.plain(true, last), leaked.schedule());
    System.out.println(last.get().heap.leakReport());
  }
}
