package dev.gillab.locks.lessons;

import dev.gillab.locks.DeadlockException;
import dev.gillab.locks.DeadlockReport;
import dev.gillab.locks.LockSet;
import dev.gillab.locks.OwnedLock;
import dev.gillab.locks.Policy;
import dev.gillab.threads.explore.Exploration;
import dev.gillab.threads.explore.Explorer;
import dev.gillab.threads.explore.Outcome;
import dev.gillab.threads.explore.Program;
import dev.gillab.threads.explore.Step;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * Deadlock "happens when we have multiple locks and threads acquire them in the opposite order":
 * worker-1 takes A then B, worker-2 takes B then A. First the explorer runs every schedule of the
 * two threads and prints the one that deadlocks: each holds one lock and waits for the other. Then
 * real threads do it: with wait-for checking set to WARN the detector names the cycle while the two
 * threads sit deadlocked, and main breaks it by interrupting them. With THROW the thread whose wait
 * would close the cycle gets a {@code DeadlockException} instead of blocking, lets go of B, and
 * worker-1 finishes. Either way the run ends and no thread is left blocked.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl locks exec:java -Dexec.mainClass=dev.gillab.locks.lessons.Deadlock_01_OppositeOrder
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * == 1. The explorer: every schedule of worker-1 (A, then B) and worker-2 (B, then A)
 * exhaustive: 6 schedules, 2 findings (DEADLOCK 2), complete
 *   | worker-1 | worker-2
 * - | -------- | --------
 * 1 | lock A
 * 2 |          | lock B
 * schedule: worker-1,worker-2
 * DEADLOCK: deadlock: worker-1 waits at 'lock B'; worker-2 waits at 'lock A'
 * == 2. Real threads, wait-for checking WARN: they deadlock and the detector names the cycle
 * detector: deadlock: worker-1 holds A and waits for B; worker-2 holds B and waits for A
 * main interrupts both: worker-1 interrupted, worker-2 interrupted
 * == 3. Real threads, wait-for checking THROW: the closing wait throws instead of blocking
 * worker-2: DeadlockException: deadlock: worker-1 holds A and waits for B; worker-2 holds B and waits for A
 * worker-2 released B; worker-1 took B and finished
 * threads left alive: 0
 * </pre>
 */
public final class Deadlock_01_OppositeOrder {
  private Deadlock_01_OppositeOrder() {}

  /** The explorer's shared state: the two locks of one run. */
  static final class TwoLocks {
    final OwnedLock a = OwnedLock.create("A");
    final OwnedLock b = OwnedLock.create("B");
  }

  static Step take(String name, OwnedLock lock) {
    return Step.when(
        "lock " + name,
        () -> !lock.isLocked(),
        () -> {
          lock.acquire();
          return null;
        });
  }

  static Step drop(String name, OwnedLock lock) {
    return Step.run("unlock " + name, lock::release);
  }

  public static void main(String[] args) throws InterruptedException {
    Thread.currentThread().setName("main"); // as under plain java; exec:java names its own thread
    System.out.println(
        "== 1. The explorer: every schedule of worker-1 (A, then B) and worker-2 (B, then A)");
    Program<TwoLocks> program =
        Program.builder("opposite order", TwoLocks::new)
            .thread(
                "worker-1",
                s -> List.of(take("A", s.a), take("B", s.b), drop("B", s.b), drop("A", s.a)))
            .thread(
                "worker-2",
                s -> List.of(take("B", s.b), take("A", s.a), drop("A", s.a), drop("B", s.b)))
            .build();
    Exploration all = Explorer.defaults().exhaustive(program);
    System.out.println(all.summary());
    System.out.print(all.firstFinding(Outcome.DEADLOCK).orElseThrow().table());

    System.out.println(
        "== 2. Real threads, wait-for checking WARN: they deadlock and the detector names the cycle");
    AtomicReference<DeadlockReport> heard = new AtomicReference<>();
    CountDownLatch reported = new CountDownLatch(1);
    LockSet warn =
        LockSet.builder()
            .waitFor(Policy.WARN)
            .order(Policy.DISABLED)
            .listener(
                r -> {
                  heard.set(r);
                  reported.countDown();
                })
            .build();
    Pair warned = new Pair(warn);
    warned.start();
    if (!reported.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("no report within 10 s");
    }
    System.out.println("detector: " + heard.get().summary());
    warned.awaitParked();
    warned.interruptBoth();
    warned.join();
    System.out.println(
        "main interrupts both: worker-1 "
            + warned.outcome1.get()
            + ", worker-2 "
            + warned.outcome2.get());

    System.out.println(
        "== 3. Real threads, wait-for checking THROW: the closing wait throws instead of blocking");
    Pair thrown = new Pair(LockSet.builder().waitFor(Policy.THROW).order(Policy.DISABLED).build());
    thrown.start();
    thrown.join();
    System.out.println("worker-2: " + thrown.outcome2.get());
    System.out.println("worker-2 released B; worker-1 " + thrown.outcome1.get());
    long alive =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("worker-") || t.getName().startsWith("explore-"))
            .count();
    System.out.println("threads left alive: " + alive);
  }

  /**
   * worker-1 takes A, worker-2 takes B; worker-1 asks for B and parks; only then worker-2 asks for
   * A, so worker-2's wait is the one that closes the cycle, every run.
   */
  static final class Pair {
    final OwnedLock a;
    final OwnedLock b;
    final CountDownLatch bothHold = new CountDownLatch(2);
    final CountDownLatch interruptsSent = new CountDownLatch(1);
    final AtomicReference<String> outcome1 = new AtomicReference<>();
    final AtomicReference<String> outcome2 = new AtomicReference<>();
    final Thread w1;
    final Thread w2;

    Pair(LockSet set) {
      a = set.newLock("A");
      b = set.newLock("B");
      w1 = new Thread(() -> outcome1.set(run(a, b, false)), "worker-1");
      w2 = new Thread(() -> outcome2.set(run(b, a, true)), "worker-2");
    }

    private String run(OwnedLock first, OwnedLock second, boolean closesTheCycle) {
      try {
        first.acquire();
        try {
          bothHold.countDown();
          Bounded.await(bothHold, "both workers holding their first lock");
          if (closesTheCycle) {
            awaitParked(w1);
          }
          try {
            second.acquire();
          } catch (InterruptedException e) {
            // Keep the first lock until both are interrupted, or the other one takes it.
            interruptsSent.await(10, TimeUnit.SECONDS);
            throw e;
          }
          second.release();
          return "took " + second.name() + " and finished";
        } finally {
          first.release();
        }
      } catch (InterruptedException e) {
        return "interrupted";
      } catch (DeadlockException e) {
        return "DeadlockException: " + e.report().summary();
      }
    }

    void start() {
      w1.start();
      w2.start();
    }

    /** Breaks the deadlock: both workers are interrupted before either lets go of a lock. */
    void interruptBoth() {
      w1.interrupt();
      w2.interrupt();
      interruptsSent.countDown();
    }

    void awaitParked() throws InterruptedException {
      awaitParked(w1);
      awaitParked(w2);
    }

    /** Waits (at most 10 s) until {@code t} is parked inside an acquisition of an owned lock. */
    static void awaitParked(Thread t) throws InterruptedException {
      long deadline = System.nanoTime() + Bounded.LIMIT.toNanos();
      while (!parkedInAcquire(t)) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException(t.getName() + " did not park in an acquisition in 10 s");
        }
        Thread.sleep(1); // polls a thread's state; nothing is handed over by this sleep
      }
    }

    private static boolean parkedInAcquire(Thread t) {
      return t.getState() == Thread.State.WAITING
          && Arrays.stream(t.getStackTrace())
              .anyMatch(f -> f.getClassName().equals(OwnedLock.class.getName()));
    }

    void join() throws InterruptedException {
      Bounded.join(w1, w2);
    }
  }
}
