package dev.gillab.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.ArgumentCaptor;

/**
 * Real threads, real locks, bounded: a randomized workload with both detectors on. When every
 * thread follows one order nothing is reported; when real opposite-order pairs are injected, every
 * deadlock is reported (THROW) and no thread blocks forever.
 */
@Timeout(120)
class DeadlockIT {
  private static final int THREADS = 4;
  private static final int LOCKS = 8;

  private final DeadlockListener listener = mock(DeadlockListener.class);

  private List<OwnedLock> locks(LockSet set) {
    List<OwnedLock> locks = new ArrayList<>();
    for (int i = 0; i < LOCKS; i++) {
      locks.add(set.newLock("L" + i));
    }
    return locks;
  }

  @Test
  @SuppressWarnings("try") // the holds are never named in their blocks: holding is their job
  void oneGlobalOrderGivesZeroReportsOverTensOfThousandsOfAcquisitions() throws Exception {
    LockSet set =
        LockSet.builder().waitFor(Policy.THROW).order(Policy.THROW).listener(listener).build();
    List<OwnedLock> locks = locks(set);
    AtomicLong acquisitions = new AtomicLong();
    try (Workers workers = new Workers()) {
      for (int t = 0; t < THREADS; t++) {
        SplittableRandom random = new SplittableRandom(42 + t);
        workers.start(
            "worker-" + (t + 1),
            () -> {
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
    // x == y is skipped (about 1 pair in 8): the count is about 21,000 of the 24,000 tried
    assertTrue(acquisitions.get() >= 10_000, "only " + acquisitions.get() + " acquisitions");
    verifyNoInteractions(listener);
    System.out.printf("one global order: %,d acquisitions, 0 reports%n", acquisitions.get());
  }

  @Test
  void everyInjectedOppositeOrderDeadlockIsReportedAndNobodyBlocks() throws Exception {
    LockSet set = LockSet.builder().waitFor(Policy.THROW).order(Policy.DISABLED).build();
    int rounds = 25;
    for (int round = 0; round < rounds; round++) {
      OwnedLock a = set.newLock("A" + round);
      OwnedLock b = set.newLock("B" + round);
      try (Workers workers = new Workers()) {
        Nesting.Pair pair = Nesting.closeTheCycleOfTwo(workers, a, b, a::acquire);
        DeadlockException e =
            assertInstanceOf(DeadlockException.class, pair.second().awaitFailure());
        assertEquals(
            "deadlock: worker-1 holds A"
                + round
                + " and waits for B"
                + round
                + "; worker-2 holds B"
                + round
                + " and waits for A"
                + round,
            e.report().summary());
        pair.first().join();
      }
    }
  }

  /**
   * Random pairs in random order (which may or may not deadlock by chance), with real
   * opposite-order deadlocks injected at random points: at each, two partner workers take one lock
   * each of a fresh pair, meet at a barrier, and ask for the other's. The cycle closes for sure,
   * and the wait that closes it is refused, exactly once per injection; the partner then gets both
   * locks. Bounded: a deadlock that was not refused would keep a worker blocked and fail the join.
   */
  @Test
  void randomPairsInRandomOrderAllFinishEveryDeadlockRefused() throws Exception {
    LockSet set =
        LockSet.builder().waitFor(Policy.THROW).order(Policy.WARN).listener(listener).build();
    List<OwnedLock> locks = locks(set);
    int iterations = 2_000;
    int perPair = 25;
    int pairs = THREADS / 2;
    List<List<Injection>> injections = new ArrayList<>();
    for (int p = 0; p < pairs; p++) {
      List<Injection> mine = new ArrayList<>();
      SplittableRandom where = new SplittableRandom(11 + p);
      for (int k = 0; k < perPair; k++) {
        mine.add(
            new Injection(
                where.nextInt(iterations),
                set.newLock("P" + p + "a" + k),
                set.newLock("P" + p + "b" + k)));
      }
      mine.sort(Comparator.comparingInt(j -> j.at));
      injections.add(mine);
    }
    AtomicLong acquisitions = new AtomicLong();
    AtomicInteger refusedAtRandom = new AtomicInteger();
    AtomicInteger injectedRefused = new AtomicInteger();
    AtomicInteger injectedCompleted = new AtomicInteger();
    List<DeadlockReport> injectedReports = new CopyOnWriteArrayList<>();
    try (Workers workers = new Workers()) {
      for (int t = 0; t < THREADS; t++) {
        SplittableRandom random = new SplittableRandom(7 + t);
        List<Injection> mine = injections.get(t / 2);
        boolean first = t % 2 == 0;
        workers.start(
            "worker-" + (t + 1),
            () -> {
              int next = 0;
              for (int i = 0; i < iterations; i++) {
                while (next < mine.size() && mine.get(next).at == i) {
                  Injection j = mine.get(next++);
                  OwnedLock mineFirst = first ? j.a : j.b;
                  OwnedLock theirs = first ? j.b : j.a;
                  mineFirst.acquire();
                  try {
                    j.bothHold.await(10, TimeUnit.SECONDS);
                    theirs.acquire();
                    theirs.release();
                    injectedCompleted.incrementAndGet();
                  } catch (DeadlockException e) {
                    injectedRefused.incrementAndGet();
                    injectedReports.add(e.report());
                  } finally {
                    mineFirst.release();
                  }
                }
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
                    refusedAtRandom.incrementAndGet(); // release x (finally) and try again
                  } finally {
                    x.release();
                  }
                }
              }
            });
      }
    } // bounded: a deadlock that was not refused would keep a worker blocked and fail here
    int injected = pairs * perPair;
    assertEquals(injected, injectedRefused.get(), "refused injected deadlocks");
    assertEquals(injected, injectedCompleted.get(), "partners that got both locks");
    for (DeadlockReport r : injectedReports) {
      assertEquals(DeadlockReport.Kind.DEADLOCK, r.kind());
      assertEquals(2, r.threads().size(), r::summary);
      assertTrue(
          r.summary()
              .matches(
                  "deadlock: worker-\\d holds (P\\d[ab]\\d+) and waits for "
                      + "(P\\d[ab]\\d+); worker-\\d holds \\2 and waits for \\1"),
          r.summary());
    }
    assertTrue(acquisitions.get() >= 10_000, "only " + acquisitions.get() + " acquisitions");
    // both orders of pairs were used, so the order checker saw the potential deadlocks
    ArgumentCaptor<DeadlockReport> reports = ArgumentCaptor.forClass(DeadlockReport.class);
    verify(listener, atLeastOnce()).onDeadlock(reports.capture());
    assertTrue(
        reports.getAllValues().stream()
            .allMatch(r -> r.kind() == DeadlockReport.Kind.POTENTIAL_DEADLOCK));
    System.out.printf(
        "random workload: %,d acquisitions; %d injected deadlocks refused; "
            + "%d chance deadlocks refused%n",
        acquisitions.get(), injected, refusedAtRandom.get());
  }

  /** A real opposite-order deadlock forced at iteration {@code at} of two partner workers. */
  private static final class Injection {
    final int at;
    final OwnedLock a;
    final OwnedLock b;
    final CyclicBarrier bothHold = new CyclicBarrier(2);

    Injection(int at, OwnedLock a, OwnedLock b) {
      this.at = at;
      this.a = a;
      this.b = b;
    }
  }
}
