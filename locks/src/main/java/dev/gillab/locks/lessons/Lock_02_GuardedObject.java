package dev.gillab.locks.lessons;

import dev.gillab.locks.GuardedObject;
import dev.gillab.locks.Hold;
import dev.gillab.locks.OwnedLock;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * "Only the holder may touch the object" is a rule a reviewer has to remember, unless the object
 * can only be reached through its lock. A guarded object is tied to one lock: reading it without
 * holding that lock throws, naming who does hold it; inside the lock (or through {@code withLock},
 * which takes and releases it) everything works, and two threads updating through it lose nothing.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl locks exec:java -Dexec.mainClass=dev.gillab.locks.lessons.Lock_02_GuardedObject
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * read without the lock: IllegalStateException: main must hold lock 'account' to use the object it guards; nobody holds it
 * read with the lock: balance = 100
 * worker reads while main holds it: IllegalStateException: worker must hold lock 'account' to use the object it guards; main holds it
 * 2 threads x 10,000 deposits of 1 through withLock: balance = 20,100
 * </pre>
 */
public final class Lock_02_GuardedObject {
  private Lock_02_GuardedObject() {}

  @SuppressWarnings("try") // the holds are never named in their blocks: holding is their job
  public static void main(String[] args) throws InterruptedException {
    Thread.currentThread().setName("main"); // as under plain java; exec:java names its own thread
    GuardedObject<Long> balance = GuardedObject.of(OwnedLock.create("account"), 100L);
    try {
      balance.get();
    } catch (IllegalStateException e) {
      System.out.println("read without the lock: IllegalStateException: " + e.getMessage());
    }
    try (Hold h = balance.lock().hold()) {
      System.out.println("read with the lock: balance = " + balance.get());
      System.out.println(
          "worker reads while main holds it: "
              + Lock_01_OneHolder.onWorker(
                  () -> {
                    try {
                      return "balance = " + balance.get();
                    } catch (IllegalStateException e) {
                      return "IllegalStateException: " + e.getMessage();
                    }
                  }));
    }
    Thread[] depositors = new Thread[2];
    for (int t = 0; t < depositors.length; t++) {
      depositors[t] =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 10_000; i++) {
                    balance.updateWithLock(b -> b + 1);
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "depositor-" + t);
      depositors[t].start();
    }
    Bounded.join(depositors);
    System.out.printf(
        "2 threads x 10,000 deposits of 1 through withLock: balance = %,d%n",
        balance.<Long>withLock(b -> b));
  }
}
