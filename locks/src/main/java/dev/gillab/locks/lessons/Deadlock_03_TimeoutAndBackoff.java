package dev.gillab.locks.lessons;

import dev.gillab.locks.GuardedObject;
import dev.gillab.locks.Hold;
import dev.gillab.locks.LockSet;
import dev.gillab.locks.LockTimeoutException;
import dev.gillab.locks.OwnedLock;
import dev.gillab.locks.Policy;
import dev.gillab.locks.TimedAcquisition;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 *
 *
 * <h2>The idea</h2>
 *
 * Recovery, for code that cannot agree on an order: take each lock with a timeout, and when one
 * times out give back everything taken, wait a random, growing while, and try again. A deadlock
 * then lasts at most one timeout. Two threads move money in opposite directions (the order that
 * deadlocks in lesson 01), yet both finish; how often they had to back off depends on timing. When
 * a lock stays busy for good, the retries end with a clear exception and nothing held.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl locks exec:java -Dexec.mainClass=dev.gillab.locks.lessons.Deadlock_03_TimeoutAndBackoff
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * == 1. Opposite order, each lock within 2 ms, backoff 1..16 ms with jitter
 * 400 transfers done; alice 1,000 + bob 1,000 = 2,000 (conserved)
 * backoffs along the way: 0 (varies with timing)
 * == 2. A lock that stays busy: 3 attempts, then give up holding nothing
 * worker: LockTimeoutException: gave up on locks [A, B] after 3 attempts; the last one timed out after 5 ms waiting for 'B'; holds A: false
 * </pre>
 */
public final class Deadlock_03_TimeoutAndBackoff {
  private Deadlock_03_TimeoutAndBackoff() {}

  @SuppressWarnings("try") // the holds are never named in their blocks: holding is their job
  public static void main(String[] args) throws InterruptedException {
    Thread.currentThread().setName("main"); // as under plain java; exec:java names its own thread
    System.out.println("== 1. Opposite order, each lock within 2 ms, backoff 1..16 ms with jitter");
    LockSet unordered = LockSet.builder().waitFor(Policy.DISABLED).order(Policy.DISABLED).build();
    GuardedObject<Long> alice = GuardedObject.of(unordered.newLock("alice"), 1_000L);
    GuardedObject<Long> bob = GuardedObject.of(unordered.newLock("bob"), 1_000L);
    AtomicInteger backoffs = new AtomicInteger();
    TimedAcquisition timed =
        TimedAcquisition.builder()
            .timeoutPerLock(Duration.ofMillis(2))
            .backoff(Duration.ofMillis(1), Duration.ofMillis(16))
            .maxAttempts(1_000)
            .seed(3)
            .onRetry((attempt, busy, pause) -> backoffs.incrementAndGet())
            .build();
    AtomicInteger done = new AtomicInteger();
    Bank.bothWays(alice, bob, (from, to) -> transfers(timed, from, to, done));
    try (Hold h = timed.acquireAll(alice.lock(), bob.lock())) {
      Bank.printTotal(done.get(), alice, bob);
    }
    System.out.println("backoffs along the way: " + backoffs.get() + " (varies with timing)");

    System.out.println("== 2. A lock that stays busy: 3 attempts, then give up holding nothing");
    OwnedLock a = OwnedLock.create("A");
    OwnedLock b = OwnedLock.create("B");
    b.acquire();
    TimedAcquisition patient =
        TimedAcquisition.builder()
            .timeoutPerLock(Duration.ofMillis(5))
            .maxAttempts(3)
            .backoff(Duration.ofMillis(1), Duration.ofMillis(2))
            .seed(1)
            .build();
    System.out.println(
        "worker: "
            + Lock_01_OneHolder.onWorker(
                () -> {
                  try (Hold h = patient.acquireAll(a, b)) {
                    return "got both";
                  } catch (LockTimeoutException e) {
                    return "LockTimeoutException: " + e.getMessage() + "; holds A: " + a.isLocked();
                  }
                }));
    b.release();
  }

  // The holds are never named in their blocks: holding is their job. The yield only makes
  // collisions likelier; nothing depends on what the scheduler makes of it.
  @SuppressWarnings({"try", "ThreadPriorityCheck"})
  private static void transfers(
      TimedAcquisition timed, GuardedObject<Long> from, GuardedObject<Long> to, AtomicInteger done)
      throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      try (Hold h = timed.acquireAll(from.lock(), to.lock())) {
        from.update(v -> v - 1);
        to.update(v -> v + 1);
        Thread.yield(); // hold both a little longer, so that collisions happen
      }
      done.incrementAndGet();
    }
  }
}
