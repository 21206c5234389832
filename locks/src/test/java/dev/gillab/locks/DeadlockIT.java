package dev.gillab.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real threads, real locks, bounded: a randomized workload with both detectors on. When every
 * thread follows one order nothing is reported; when real opposite-order pairs are injected,
 * every deadlock is reported (THROW) and no thread blocks forever.
 */
@Timeout(120)
class DeadlockIT {
  private static final int THREADS = 4;
  private static final int LOCKS = 8;

  private final List<DeadlockReport> reports = new CopyOnWriteArrayList<>();

  private List<OwnedLock> locks(LockSet set) {
    List<OwnedLock> locks = new ArrayList<>();
    for (int i = 0; i < LOCKS; i++) {
      locks.add(set.newLock("L" + i));
    }
    return locks;
  }

  @Test
  void oneGlobalOrderGivesZeroReportsOverTensOfThousandsOfAcquisitions() throws Exception {
    LockSet set = LockSet.builder().waitFor(Policy.THROW).order(Policy.THROW)
        .listener(reports::add).build();
    List<OwnedLock> locks = locks(set);
    AtomicLong acquisitions = new AtomicLong();
    try (Workers workers = new Workers()) {
      for (int t = 0; t < THREADS; t++) {
        SplittableRandom random = new SplittableRandom(42 + t);
        workers.start("worker-" + (t + 1), () -> {
          for (int i = 0; i < 3_000; i++) {
            OwnedLock x = locks.get(random.nextInt(LOCKS));
            OwnedLock y = locks.get(random.nextInt(LOCKS));
            if (x == y) {
              continue;
            }
            try (Hold h = OrderedAcquisition.acquireAll(x, y)) {
              acquisitions.addAndGet(2);
            }
          }
        });
      }
    } // Workers rethrows any DeadlockException or PotentialDeadlockException a worker met
    assertTrue(acquisitions.get() >= 10_000, "only " + acquisitions.get() + " acquisitions");
    assertEquals(List.of(), reports);
  }

  @Test
  void everyInjectedOppositeOrderDeadlockIsReportedAndNobodyBlocks() throws Exception {
    LockSet set = LockSet.builder().waitFor(Policy.THROW).order(Policy.DISABLED).build();
    int rounds = 25;
    for (int round = 0; round < rounds; round++) {
      OwnedLock a = set.newLock("A" + round);
      OwnedLock b = set.newLock("B" + round);
      CountDownLatch bothHold = new CountDownLatch(2);
      try (Workers workers = new Workers()) {
        Workers.Worker w1 = workers.start("worker-1",
            () -> WaitForDetectionTest.hold(a, b, bothHold));
        Workers.Worker w2 = workers.start("worker-2", () -> {
          b.acquire();
          try {
            bothHold.countDown();
            bothHold.await(10, TimeUnit.SECONDS);
            Workers.awaitParkedInAcquire(Workers.named("worker-1"));
            a.acquire();
          } finally {
            b.release();
          }
        });
        DeadlockException e = assertInstanceOf(DeadlockException.class, w2.awaitFailure());
        assertEquals("deadlock: worker-1 holds A" + round + " and waits for B" + round
            + "; worker-2 holds B" + round + " and waits for A" + round, e.report().summary());
        w1.join();
      }
    }
  }

  @Test
  void randomPairsInRandomOrderAllFinishEveryDeadlockRefused() throws Exception {
    LockSet set = LockSet.builder().waitFor(Policy.THROW).order(Policy.WARN)
        .listener(reports::add).build();
    List<OwnedLock> locks = locks(set);
    AtomicLong acquisitions = new AtomicLong();
    AtomicInteger refused = new AtomicInteger();
    try (Workers workers = new Workers()) {
      for (int t = 0; t < THREADS; t++) {
        SplittableRandom random = new SplittableRandom(7 + t);
        workers.start("worker-" + (t + 1), () -> {
          for (int i = 0; i < 2_000; i++) {
            OwnedLock x = locks.get(random.nextInt(LOCKS));
            OwnedLock y = locks.get(random.nextInt(LOCKS));
            while (x != y) {
              x.acquire();
              try {
                y.acquire();
                acquisitions.addAndGet(2);
                y.release();
                break;
              } catch (DeadlockException e) {
                refused.incrementAndGet(); // release x (finally) and try again
              } finally {
                x.release();
              }
            }
          }
        });
      }
    } // bounded: a deadlock that was not refused would keep a worker blocked and fail here
    assertTrue(acquisitions.get() >= 10_000, "only " + acquisitions.get() + " acquisitions");
    // both orders of pairs were used, so the order checker saw the potential deadlocks
    assertTrue(reports.stream().allMatch(r -> r.kind() == DeadlockReport.Kind.POTENTIAL_DEADLOCK));
    assertTrue(reports.size() > 0);
  }
}
