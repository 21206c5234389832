package dev.gillab.refcount.lessons;

import dev.gillab.refcount.CountStrategy;
import dev.gillab.refcount.Heap;
import dev.gillab.refcount.HeapObject;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * Most objects are only ever touched by the thread that made them. Biased counting (PEP 703,
 * free-threaded CPython) gives that owner a count of its own, changed with plain stores, and makes
 * every other thread use a shared atomic count. Neither count alone is the truth; their sum is.
 * When the owner's count hits zero it merges the two; when another thread takes the shared count
 * below zero it asks the owner to merge (here: the owner does so before it ends, and the heap does
 * it for an owner that has ended). The object is freed once, when the sum is zero. The explorer
 * finds no bad schedule; two real threads agree.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl refcount exec:java -Dexec.mainClass=dev.gillab.refcount.lessons.RefCount_06_BiasedCounts
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * T1 allocates (owns) the object and hands a reference to T2. BIASED count:
 * exhaustive: 15 schedules, 0 findings, complete
 *
 * T2 lets go first (shared count -1), T1 merges on its way out:
 *   | T1                                   | T2
 * - | ------------------------------------ | --------------------------
 * 1 | allocate (T1 owns it)  [local 1]
 * 2 | incRef for T2, publish  [refCount 2]
 * 3 |                                      | incRef  [refCount 3]
 * 4 |                                      | decRef  [refCount 2]
 * 5 |                                      | use value  [read 'shared']
 * 6 |                                      | decRef  [refCount 1]
 * 7 | decRef  [refCount 0]
 * 8 | exit: merge what it owes  [freed 1]
 * schedule: T1,T1,T2,T2,T2,T2,T1,T1
 * PASSED: invariant 'freed once every holder let go' held: refCount 0, freed true, live 0
 *
 * owner and another thread x 1,000,000 incRef+decRef: refCount 1, errors 0
 * owner's last decRef frees it: true; heap: allocated=1 freed=1 live=0 peak=1 immortal=0
 * </pre>
 */
public final class RefCount_06_BiasedCounts {
  /** T2 lets go before T1 does: its shared count goes below zero and T1 merges on exit. */
  static final String SCHEDULE = "T1,T1,T2,T2,T2,T2,T1,T1";

  static final int PAIRS = 1_000_000;

  private RefCount_06_BiasedCounts() {}

  public static void main(String[] args) throws InterruptedException {
    Explorations.printEveryScheduleThenOne(
        CountRaces::biased,
        "T1 allocates (owns) the object and hands a reference to T2. BIASED count:",
        "T2 lets go first (shared count -1), T1 merges on its way out:",
        SCHEDULE);
    System.out.println();

    try (Heap heap = Heap.builder().name("lesson-06").strategy(CountStrategy.BIASED).build()) {
      HeapObject<String> shared = heap.allocate("shared"); // main owns it
      CountPairs pairs = new CountPairs(shared, PAIRS);
      Thread other = new Thread(pairs, "other");
      other.start();
      pairs.run(); // the owner, on its local count
      other.join();
      System.out.printf(
          "owner and another thread x %,d incRef+decRef: refCount %d, errors %d%n",
          PAIRS, shared.refCount(), pairs.errors());
      System.out.println(
          "owner's last decRef frees it: " + shared.decRef() + "; heap: " + heap.stats());
    }
  }
}
