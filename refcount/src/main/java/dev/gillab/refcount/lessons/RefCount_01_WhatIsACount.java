package dev.gillab.refcount.lessons;

import dev.gillab.refcount.CountStrategy;
import dev.gillab.refcount.Heap;
import dev.gillab.refcount.HeapObject;
import dev.gillab.refcount.IllegalRefCountException;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * A reference count is the number of holders an object has. Allocating makes the first holder
 * (count 1); each new holder adds one, each holder that lets go takes one away; the holder that
 * takes it to zero frees the object. After that the object is gone: using it, holding it again or
 * freeing it a second time is refused, loudly, and nothing changes.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl refcount exec:java -Dexec.mainClass=dev.gillab.refcount.lessons.RefCount_01_WhatIsACount
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * allocated:        #1 String(hello) refCount=1
 * a second holder:  #1 String(hello) refCount=2
 * one lets go:      #1 String(hello) refCount=1, freed by this call: false
 * the last lets go: #1 String(hello) freed, freed by this call: true
 * incRef:  use after free: object #1 has refCount 0; incRef (+1) refused
 * value(): use after free: object #1 has refCount 0; value() refused
 * decRef:  double free: object #1 has refCount 0; decRef (-1) refused
 * heap: allocated=1 freed=1 live=0 peak=1 immortal=0
 * </pre>
 */
public final class RefCount_01_WhatIsACount {
  private RefCount_01_WhatIsACount() {}

  public static void main(String[] args) {
    try (Heap heap = Heap.builder().name("lesson-01").strategy(CountStrategy.PLAIN).build()) {
      HeapObject<String> hello = heap.allocate("hello");
      System.out.println("allocated:        " + hello);
      hello.incRef();
      System.out.println("a second holder:  " + hello);
      boolean freed = hello.decRef();
      System.out.println("one lets go:      " + hello + ", freed by this call: " + freed);
      freed = hello.decRef();
      System.out.println("the last lets go: " + hello + ", freed by this call: " + freed);

      refused("incRef:  ", hello::incRef);
      refused("value(): ", hello::value);
      refused("decRef:  ", hello::decRef);
      System.out.println("heap: " + heap.stats());
    }
  }

  private static void refused(String what, Runnable operation) {
    try {
      operation.run();
      System.out.println(what + "allowed (a bug)");
    } catch (IllegalRefCountException e) {
      System.out.println(what + e.getMessage());
    }
  }
}
