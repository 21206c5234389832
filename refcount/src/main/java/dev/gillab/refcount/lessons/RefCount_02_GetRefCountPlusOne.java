package dev.gillab.refcount.lessons;

import dev.gillab.refcount.CountStrategy;
import dev.gillab.refcount.Heap;
import dev.gillab.refcount.HeapObject;
import java.util.ArrayList;
import java.util.List;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * CPython's {@code sys.getrefcount(a)} answers one more than you expect: passing {@code a} to the
 * function makes the call itself a holder while it runs. A fresh list held by one name reports 2;
 * after {@code b = a} it reports 3. {@code Heap.getRefCount} does the same, for the same reason: it
 * takes a reference, reads the count, and lets go.
 *
 * <pre>
 * a = []
 * print(sys.getrefcount(a))   # 2
 * b = a
 * print(sys.getrefcount(a))   # 3
 * </pre>
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl refcount exec:java -Dexec.mainClass=dev.gillab.refcount.lessons.RefCount_02_GetRefCountPlusOne
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * a = []                 getRefCount(a) = 2
 * b = a                  getRefCount(a) = 3
 * del b                  getRefCount(a) = 2
 * the count itself, without the call: 1
 * </pre>
 */
public final class RefCount_02_GetRefCountPlusOne {
  private RefCount_02_GetRefCountPlusOne() {}

  public static void main(String[] args) {
    try (Heap heap = Heap.builder().name("lesson-02").strategy(CountStrategy.PLAIN).build()) {
      HeapObject<List<Object>> a = heap.allocate(new ArrayList<>()); // a = []
      System.out.println("a = []                 getRefCount(a) = " + heap.getRefCount(a));
      HeapObject<List<Object>> b = a; // b = a: a second name, a second holder
      b.incRef();
      System.out.println("b = a                  getRefCount(a) = " + heap.getRefCount(a));
      b.decRef(); // del b
      System.out.println("del b                  getRefCount(a) = " + heap.getRefCount(a));
      System.out.println("the count itself, without the call: " + a.refCount());
      a.decRef(); // del a
    }
  }
}
