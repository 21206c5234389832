package dev.gillab.locks.bench;

import dev.gillab.locks.DeadlockReport;
import dev.gillab.locks.OwnedLock;
import dev.gillab.locks.Watchdog;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Watchdog detection latency on a real deadlock: from the moment the second thread starts the wait
 * that closes the cycle to the moment the listener hears of it, with the default 100 ms period; 20
 * runs each for {@code ReentrantLock} and for unchecked {@link OwnedLock}s (both found through
 * {@code ThreadMXBean}). Each deadlock forms at a random phase of the period, so the latency should
 * spread over one period plus a scan. Every run breaks its deadlock by interrupting both threads.
 * Run with:
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl locks exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.gillab.locks.bench.WatchdogLatency
 * </pre>
 */
public final class WatchdogLatency {
  private WatchdogLatency() {}

  private static final int RUNS = 20;

  interface TwoLocks {
    void first() throws InterruptedException;

    void second() throws InterruptedException;
  }

  public static void main(String[] args) throws Exception {
    measure(
        "ReentrantLock",
        () -> {
          ReentrantLock a = new ReentrantLock();
          ReentrantLock b = new ReentrantLock();
          return new TwoLocks[] {
            pair(a::lockInterruptibly, b::lockInterruptibly),
            pair(b::lockInterruptibly, a::lockInterruptibly)
          };
        });
    measure(
        "OwnedLock (unchecked)",
        () -> {
          OwnedLock a = OwnedLock.create("A");
          OwnedLock b = OwnedLock.create("B");
          return new TwoLocks[] {pair(a::acquire, b::acquire), pair(b::acquire, a::acquire)};
        });
  }

  interface Take {
    void take() throws InterruptedException;
  }

  static TwoLocks pair(Take first, Take second) {
    return new TwoLocks() {
      @Override
      public void first() throws InterruptedException {
        first.take();
      }

      @Override
      public void second() throws InterruptedException {
        second.take();
      }
    };
  }

  interface Setup {
    TwoLocks[] make();
  }

  @SuppressWarnings("try") // the watchdog is never named in its block: it only has to run
  private static void measure(String what, Setup setup) throws Exception {
    long[] micros = new long[RUNS];
    AtomicLong heardAt = new AtomicLong();
    CountDownLatch[] heard = new CountDownLatch[1];
    try (Watchdog watchdog =
        Watchdog.start(
            (DeadlockReport r) -> {
              heardAt.set(System.nanoTime());
              heard[0].countDown();
            })) {
      SplittableRandom random = new SplittableRandom(1);
      for (int run = 0; run < RUNS; run++) {
        // Start each deadlock at a random phase of the scan period; right after a report it
        // would always form just after a scan and wait out nearly a whole period.
        Thread.sleep(random.nextInt(100));
        heard[0] = new CountDownLatch(1);
        TwoLocks[] sides = setup.make();
        CountDownLatch bothHold = new CountDownLatch(2);
        AtomicLong closedAt = new AtomicLong();
        Thread w1 = new Thread(() -> side(sides[0], bothHold, null, null), "worker-1");
        w1.start();
        Thread w2 = new Thread(() -> side(sides[1], bothHold, w1, closedAt), "worker-2");
        w2.start();
        if (!heard[0].await(5, TimeUnit.SECONDS)) {
          throw new IllegalStateException("no report within 5 s in run " + run);
        }
        micros[run] = (heardAt.get() - closedAt.get()) / 1_000;
        w1.interrupt();
        w2.interrupt();
        w1.join(5_000);
        w2.join(5_000);
      }
    }
    Arrays.sort(micros);
    System.out.printf(
        Locale.ROOT,
        "%-22s period 100 ms, %d runs: median %.1f ms, max %.1f ms%n",
        what,
        RUNS,
        (micros[RUNS / 2 - 1] + micros[RUNS / 2]) / 2000.0,
        micros[RUNS - 1] / 1000.0);
  }

  private static void side(
      TwoLocks locks, CountDownLatch bothHold, Thread other, AtomicLong closedAt) {
    try {
      locks.first();
      bothHold.countDown();
      bothHold.await();
      if (other != null) {
        while (other.getState() != Thread.State.WAITING || !parkedOnSecond(other)) {
          Thread.onSpinWait();
        }
        closedAt.set(System.nanoTime());
      }
      locks.second();
    } catch (InterruptedException e) {
      // the run is over; the thread ends holding nothing the next run uses
    }
  }

  private static boolean parkedOnSecond(Thread t) {
    return Arrays.stream(t.getStackTrace())
        .noneMatch(f -> f.getClassName().equals(CountDownLatch.class.getName()));
  }
}
