package dev.gillab.refcount.lessons;

import dev.gillab.refcount.CountStrategy;
import dev.gillab.refcount.Heap;
import dev.gillab.refcount.HeapObject;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * Some objects live as long as the interpreter: None, True, False, small integers. Counting their
 * holders is wasted work, and with threads it is worse: every thread writes the same count, so the
 * cache line bounces between cores even when the counts are atomic. PEP 683 makes them immortal: a
 * fixed count that {@code incRef} and {@code decRef} never write. Nothing is written, so nothing
 * can be lost, even on a PLAIN heap without a lock.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl refcount exec:java -Dexec.mainClass=dev.gillab.refcount.lessons.RefCount_07_Immortals
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * None: #1 String(None) refCount=2147483647, strategy IMMORTAL
 * after 1,000 incRef and 3 decRef: refCount 2147483647, freed by a decRef: false, freed false
 * getRefCount(None) = 2147483647
 * 2 threads x 1,000,000 incRef+decRef, PLAIN heap, no lock: refCount 2147483647
 * heap: allocated=0 freed=0 live=0 peak=0 immortal=1
 * </pre>
 */
public final class RefCount_07_Immortals {
  static final int PAIRS = 1_000_000;

  private RefCount_07_Immortals() {}

  public static void main(String[] args) throws InterruptedException {
    try (Heap heap = Heap.builder().name("lesson-07").strategy(CountStrategy.PLAIN).build()) {
      HeapObject<String> none = heap.allocateImmortal("None");
      System.out.println("None: " + none + ", strategy " + none.strategy());
      for (int i = 0; i < 1_000; i++) {
        none.incRef();
      }
      boolean freed = false;
      for (int i = 0; i < 3; i++) {
        freed |= none.decRef();
      }
      System.out.println(
          "after 1,000 incRef and 3 decRef: refCount "
              + none.refCount()
              + ", freed by a decRef: "
              + freed
              + ", freed "
              + none.isFreed());
      System.out.println("getRefCount(None) = " + heap.getRefCount(none));

      new CountPairs(none, PAIRS).onThreads("T1", "T2");
      System.out.printf(
          "2 threads x %,d incRef+decRef, PLAIN heap, no lock: refCount %d%n",
          PAIRS, none.refCount());
      System.out.println("heap: " + heap.stats());
    }
  }
}
