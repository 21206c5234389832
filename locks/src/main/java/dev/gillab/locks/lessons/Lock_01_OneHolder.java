package dev.gillab.locks.lessons;

import dev.gillab.locks.DeadlockException;
import dev.gillab.locks.OwnedLock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * A lock has one holder at a time. While main holds lock A, another thread cannot take it (its
 * timed attempt gives up) and cannot release it (only the holder may: anything else is a bug, so it
 * throws). Once main lets go, the other thread gets it. A plain lock is not reentrant: its holder
 * asking again would wait for itself forever, so it is refused at once as a deadlock. A reentrant
 * lock counts holds instead. And the point of it all: two threads adding under one lock lose no
 * update.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl locks exec:java -Dexec.mainClass=dev.gillab.locks.lessons.Lock_01_OneHolder
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * main holds lock 'A' (held by main)
 * worker tries A for 20 ms: false
 * worker releases A: IllegalMonitorStateException: worker cannot release lock 'A': it is held by main
 * main releases A
 * worker tries A for 20 ms: true
 * main takes A twice: DeadlockException: deadlock: main holds A and waits for A
 * main takes reentrant R twice: hold count 2
 * 2 threads x 100,000 increments under lock 'counter': 200,000 (no update lost)
 * </pre>
 */
public final class Lock_01_OneHolder {
  private Lock_01_OneHolder() {}

  private static long counter; // guarded by the lock 'counter' below

  public static void main(String[] args) throws InterruptedException {
    Thread.currentThread().setName("main"); // as under plain java; exec:java names its own thread
    OwnedLock a = OwnedLock.create("A");
    a.acquire();
    System.out.println("main holds " + a);
    System.out.println("worker tries A for 20 ms: " + onWorker(() -> tryFor(a)));
    System.out.println(
        "worker releases A: "
            + onWorker(
                () -> {
                  try {
                    a.release();
                    return "released";
                  } catch (IllegalMonitorStateException e) {
                    return "IllegalMonitorStateException: " + e.getMessage();
                  }
                }));
    a.release();
    System.out.println("main releases A");
    System.out.println("worker tries A for 20 ms: " + onWorker(() -> tryFor(a)));

    a.acquire();
    try {
      a.acquire();
    } catch (DeadlockException e) {
      System.out.println("main takes A twice: DeadlockException: " + e.report().summary());
    } finally {
      a.release();
    }

    OwnedLock r = OwnedLock.reentrant("R");
    r.acquire();
    r.acquire();
    System.out.println("main takes reentrant R twice: hold count " + r.holdCount());
    r.release();
    r.release();

    OwnedLock lock = OwnedLock.create("counter");
    Thread[] threads = new Thread[2];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 100_000; i++) {
                  lock.acquireUninterruptibly();
                  try {
                    counter++;
                  } finally {
                    lock.release();
                  }
                }
              },
              "adder-" + t);
      threads[t].start();
    }
    Bounded.join(threads);
    lock.acquireUninterruptibly();
    try {
      System.out.printf(
          "2 threads x 100,000 increments under lock 'counter': %,d (%s)%n",
          counter, counter == 200_000 ? "no update lost" : "updates lost!");
    } finally {
      lock.release();
    }
  }

  private static String tryFor(OwnedLock lock) throws InterruptedException {
    boolean got = lock.tryAcquire(Duration.ofMillis(20));
    if (got) {
      lock.release();
    }
    return String.valueOf(got);
  }

  interface Task {
    String run() throws Exception;
  }

  /** Runs {@code task} on a thread named "worker" and answers what it returned. */
  static String onWorker(Task task) throws InterruptedException {
    return onThread("worker", task);
  }

  /**
   * Runs {@code task} on a new thread called {@code name}, waits for it, answers what it returned.
   */
  static String onThread(String name, Task task) throws InterruptedException {
    AtomicReference<String> result = new AtomicReference<>();
    Thread worker =
        new Thread(
            () -> {
              try {
                result.set(task.run());
              } catch (Exception e) {
                result.set("failed: " + e);
              }
            },
            name);
    worker.start();
    Bounded.join(worker);
    return result.get();
  }
}
