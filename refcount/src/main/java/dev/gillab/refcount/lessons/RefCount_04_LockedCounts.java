package dev.gillab.refcount.lessons;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * The read and the write of a plain count do no harm when nobody else can change the count in
 * between. Put every {@code incRef}/{@code decRef} inside one lock and the explorer, running every
 * schedule of the same two holders as lesson 03, finds nothing wrong: the lock lets threads
 * interleave only between whole count changes. This is how CPython's GIL makes its plain counts
 * correct: one lock around all of them.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl refcount exec:java -Dexec.mainClass=dev.gillab.refcount.lessons.RefCount_04_LockedCounts
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * The same two holders, PLAIN count, each change inside lock L:
 * exhaustive: 8 schedules, 0 findings, complete
 *
 * One of them (T2 uses the object while T1 changes the count):
 *    | T1                         | T2
 * -- | -------------------------- | ---------------------------------
 *  1 |                            | lock L
 *  2 |                            | tmp = count  [read 2]
 *  3 |                            | count = tmp + 1  [wrote 3]
 *  4 |                            | unlock L
 *  5 |                            | lock L
 *  6 |                            | tmp = count  [read 3]
 *  7 |                            | count = tmp - 1  [wrote 2]
 *  8 |                            | unlock L
 *  9 | lock L
 * 10 |                            | use value  [read 'shared']
 * 11 | tmp = count  [read 2]
 * 12 | count = tmp - 1  [wrote 1]
 * 13 | unlock L
 * 14 |                            | lock L
 * 15 |                            | tmp = count  [read 1]
 * 16 |                            | count = tmp - 1  [wrote 0, freed]
 * 17 |                            | unlock L
 * schedule: T2,T2,T2,T2,T2,T2,T2,T2,T1,T2,T1,T1,T1,T2,T2,T2,T2
 * PASSED: invariant 'freed once every holder let go' held: refCount 0, freed true, live 0
 * </pre>
 */
public final class RefCount_04_LockedCounts {
  /** T2 changes its count twice, T1 takes the lock, T2 uses the object meanwhile. */
  static final String SCHEDULE = "T2,T2,T2,T2,T2,T2,T2,T2,T1,T2,T1,T1,T1,T2,T2,T2,T2";

  private RefCount_04_LockedCounts() {}

  public static void main(String[] args) throws InterruptedException {
    Explorations.printEveryScheduleThenOne(
        CountRaces::plainLocked,
        "The same two holders, PLAIN count, each change inside lock L:",
        "One of them (T2 uses the object while T1 changes the count):",
        SCHEDULE);
  }
}
