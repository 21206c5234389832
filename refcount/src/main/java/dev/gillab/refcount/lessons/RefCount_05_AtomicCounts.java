package dev.gillab.refcount.lessons;

import dev.gillab.refcount.CountStrategy;
import dev.gillab.refcount.Heap;
import dev.gillab.refcount.HeapObject;
import dev.gillab.threads.explore.Exploration;
import dev.gillab.threads.explore.Explorer;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * Without an outside lock, each count change must be one indivisible step: an atomic
 * read-modify-write (here a {@code VarHandle}'s {@code getAndAdd} and compare-and-set). Then no
 * interleaving can lose an update: the explorer finds nothing in any schedule, and two real threads
 * hammering one object end where they began. The price is an atomic instruction per change, even
 * when only one thread ever touches the object (lesson 06 avoids most of it).
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl refcount exec:java -Dexec.mainClass=dev.gillab.refcount.lessons.RefCount_05_AtomicCounts
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * The same two holders, ATOMIC count, each change one step:
 * exhaustive: 5 schedules, 0 findings, complete
 *
 * 2 real threads x 1,000,000 incRef+decRef on one object: refCount 1, errors 0
 * last decRef frees it: true; heap: allocated=1 freed=1 live=0 peak=1 immortal=0
 * </pre>
 */
public final class RefCount_05_AtomicCounts {
  static final int PAIRS = 1_000_000;

  private RefCount_05_AtomicCounts() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println("The same two holders, ATOMIC count, each change one step:");
    Exploration all = Explorer.defaults().exhaustive(CountRaces.atomic());
    System.out.println(all.summary());
    System.out.println();

    try (Heap heap = Heap.builder().name("lesson-05").strategy(CountStrategy.ATOMIC).build()) {
      HeapObject<String> shared = heap.allocate("shared");
      CountPairs pairs = new CountPairs(shared, PAIRS);
      pairs.onThreads("T1", "T2");
      System.out.printf(
          "2 real threads x %,d incRef+decRef on one object: refCount %d, errors %d%n",
          PAIRS, shared.refCount(), pairs.errors());
      System.out.println("last decRef frees it: " + shared.decRef() + "; heap: " + heap.stats());
    }
  }
}
