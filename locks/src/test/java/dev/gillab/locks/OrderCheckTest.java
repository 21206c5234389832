package dev.gillab.locks;

import static dev.gillab.locks.Nesting.nest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.gillab.threads.explore.Execution;
import dev.gillab.threads.explore.Exploration;
import dev.gillab.threads.explore.Explorer;
import dev.gillab.threads.explore.Outcome;
import dev.gillab.threads.explore.Program;
import dev.gillab.threads.explore.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.ArgumentCaptor;

@Timeout(30)
class OrderCheckTest {
  private final String me = Thread.currentThread().getName();
  private final DeadlockListener listener = mock(DeadlockListener.class);

  // The locks named A to D of the lock set a test makes with locksAToD (most tests nest these).
  private OwnedLock a;
  private OwnedLock b;
  private OwnedLock c;
  private OwnedLock d;

  private LockSet set(Policy order, OrderKey key) {
    return LockSet.builder()
        .waitFor(Policy.DISABLED)
        .order(order)
        .orderBy(key)
        .listener(listener)
        .build();
  }

  /** Makes a lock set that checks the order by name with {@code order}, and its A to D. */
  private LockSet newLocksAToD(Policy order) {
    LockSet locks = set(order, OrderKey.NAME);
    a = locks.newLock("A");
    b = locks.newLock("B");
    c = locks.newLock("C");
    d = locks.newLock("D");
    return locks;
  }

  /** Releases one hold of each lock, in the order given: unwinds a held stack built by hand. */
  private static void release(OwnedLock... locks) {
    for (OwnedLock lock : locks) {
      lock.release();
    }
  }

  /** The one report the listener heard, verifying that it heard exactly one. */
  private DeadlockReport theOnlyReport() {
    ArgumentCaptor<DeadlockReport> report = ArgumentCaptor.forClass(DeadlockReport.class);
    verify(listener).onDeadlock(report.capture());
    return report.getValue();
  }

  private void assertTheOnlyReportIs(String summary) {
    assertEquals(summary, theOnlyReport().summary());
  }

  @Test
  void oppositeOrderAcrossTimeIsReportedOnceWithTheStackThatEstablishedEachEdge() throws Exception {
    newLocksAToD(Policy.WARN);
    nest(a, b);
    verifyNoInteractions(listener);
    nest(b, a);
    nest(b, a);
    DeadlockReport r = theOnlyReport();
    assertEquals(DeadlockReport.Kind.POTENTIAL_DEADLOCK, r.kind());
    assertEquals(
        "potential deadlock: "
            + me
            + " acquires A while holding B, but A -> B was "
            + "established before; lock-order cycle: B -> A -> B",
        r.summary());
    assertEquals(List.of("B", "A"), r.locks());
    String[] lines = r.details().split("\n", -1);
    assertEquals("  B -> A attempted now by " + me + " at:", lines[0]);
    assertTrue(lines[1].startsWith("      at dev.gillab.locks.Nesting.nest"), lines[1]);
    assertTrue(
        r.details()
            .contains(
                "\n  A -> B first established by "
                    + me
                    + " at:\n"
                    + "      at dev.gillab.locks.Nesting.nest"),
        r.details());
  }

  @Test
  void throwRefusesTheLockEveryTime() throws Exception {
    newLocksAToD(Policy.THROW);
    nest(a, b);
    b.acquire();
    for (int i = 0; i < 2; i++) {
      PotentialDeadlockException e = assertThrows(PotentialDeadlockException.class, a::acquire);
      assertEquals(
          "potential deadlock: "
              + me
              + " acquires A while holding B, but A -> B was "
              + "established before; lock-order cycle: B -> A -> B",
          e.report().summary());
      assertFalse(a.isLocked());
    }
    b.release();
    nest(a, b); // the learned order still passes
  }

  @Test
  void aLongerCycleIsNamedWhole() throws Exception {
    newLocksAToD(Policy.WARN);
    nest(a, b);
    nest(b, c);
    nest(c, a);
    assertEquals(
        "potential deadlock: "
            + me
            + " acquires A while holding C, but A -> B -> C was "
            + "established before; lock-order cycle: C -> A -> B -> C",
        theOnlyReport().summary());
  }

  @Test
  void byNameAnOrderLearnedOnSomeInstancesHoldsForAll() throws Exception {
    LockSet locks = set(Policy.WARN, OrderKey.NAME);
    nest(locks.newLock("account"), locks.newLock("ledger"));
    nest(locks.newLock("ledger"), locks.newLock("account"));
    verify(listener).onDeadlock(any());
  }

  @Test
  void byInstanceOnlyTheSameObjectsConflict() throws Exception {
    LockSet locks = set(Policy.WARN, OrderKey.INSTANCE);
    OwnedLock a1 = locks.newLock("account");
    OwnedLock l1 = locks.newLock("ledger");
    nest(a1, l1);
    nest(locks.newLock("ledger"), locks.newLock("account"));
    verifyNoInteractions(listener);
    OwnedLock x = locks.newLock("x");
    OwnedLock y = locks.newLock("x");
    nest(x, y); // same name, different instances, one order: fine by instance
    nest(l1, a1);
    verify(listener).onDeadlock(any());
  }

  @Test
  void byNameTwoLocksOfOneNameMustNotNest() throws Exception {
    LockSet locks = set(Policy.WARN, OrderKey.NAME);
    nest(locks.newLock("account"), locks.newLock("account"));
    assertEquals(
        "potential deadlock: "
            + me
            + " acquires account while holding another lock "
            + "named account; lock-order cycle: account -> account",
        theOnlyReport().summary());
  }

  @Test
  void reentryAndTryAcquireAddNoEdges() throws Exception {
    OwnedLock r = newLocksAToD(Policy.THROW).newReentrantLock("R");
    r.acquire();
    b.acquire();
    r.acquire(); // re-entry cannot block: no B -> R edge
    release(r, b, r);

    c.acquire();
    assertTrue(d.tryAcquire()); // never waits: no C -> D edge
    release(d, c);
    nest(d, c);
    verifyNoInteractions(listener);
  }

  /**
   * A {@code tryAcquire}d lock on top of the held stack has no edge leading to it, so the lock
   * taken next must be ordered after the locks below it too. worker-1's "A, try B, C" and
   * worker-2's "C, A" can really deadlock (worker-1 holds A and waits for C; worker-2 holds C and
   * waits for A): found although this run never overlapped them.
   */
  @Test
  void aTryAcquiredLockOnTopDoesNotHideTheOrderOfTheLocksBelowIt() throws Exception {
    newLocksAToD(Policy.WARN);
    a.acquire();
    assertTrue(b.tryAcquire());
    c.acquire(); // B -> C and A -> C
    release(c, b, a);
    assertTakingAUnderCContradictsAToC();
  }

  /** The lock tried is held while the next is taken: its order counts as well. */
  @Test
  void aTryAcquiredLockIsOrderedBeforeTheLocksTakenAfterIt() throws Exception {
    newLocksAToD(Policy.THROW);
    a.acquire();
    assertTrue(b.tryAcquire(Duration.ofSeconds(1)));
    c.acquire();
    release(c, b, a);
    PotentialDeadlockException e = assertThrows(PotentialDeadlockException.class, () -> nest(c, b));
    assertEquals(
        "potential deadlock: "
            + me
            + " acquires B while holding C, but B -> C was "
            + "established before; lock-order cycle: C -> B -> C",
        e.report().summary());
    assertFalse(b.isLocked());
    assertFalse(c.isLocked());
  }

  /**
   * A re-entry on top of the held stack has no edge leading to it either. worker-1's "R
   * (reentrant), B, R again, C" and worker-2's "C, B" can really deadlock (worker-1 holds B and
   * waits for C; worker-2 holds C and waits for B).
   */
  @Test
  void aReentryOnTopDoesNotHideTheOrderOfTheLocksBelowIt() throws Exception {
    OwnedLock r = newLocksAToD(Policy.WARN).newReentrantLock("R");
    r.acquire();
    b.acquire();
    r.acquire();
    c.acquire(); // R -> C and B -> C
    release(c, r, b, r);
    nest(c, b);
    assertTheOnlyReportIs(
        "potential deadlock: "
            + me
            + " acquires B while holding C, but B -> C "
            + "was established before; lock-order cycle: C -> B -> C");
  }

  /** Below the first ordered entry the walk stops: those locks reach it by earlier edges. */
  @Test
  void locksBelowAnOrderedEntryAreOrderedByTransitivity() throws Exception {
    newLocksAToD(Policy.WARN);
    a.acquire();
    b.acquire(); // A -> B
    assertTrue(c.tryAcquire());
    d.acquire(); // C -> D and B -> D; A -> D by A -> B -> D
    release(d, c, b, a);
    nest(d, a);
    assertTheOnlyReportIs(
        "potential deadlock: "
            + me
            + " acquires A while holding D, but A -> B "
            + "-> D was established before; lock-order cycle: D -> A -> B -> D");
  }

  /**
   * The same walk deep in a held stack, past the entries whose flags share one word: a tried lock
   * there is still no place to stop, and the ordered entry below it still is.
   */
  @Test
  void deepInTheHeldStackATriedLockStillDoesNotHideTheOrderBelowIt() throws Exception {
    LockSet locks = newLocksAToD(Policy.WARN);
    List<OwnedLock> below = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      OwnedLock lock = locks.newLock("L" + i);
      lock.acquire();
      below.add(lock);
    }
    a.acquire(); // entry 70: ordered
    assertTrue(b.tryAcquire()); // entry 71: not ordered
    c.acquire(); // B -> C and A -> C, not L69 -> C (L69 reaches C through A)
    release(c, b, a);
    for (int i = below.size() - 1; i >= 0; i--) {
      below.get(i).release();
    }
    assertTakingAUnderCContradictsAToC();
  }

  /** Takes A while holding C, after A -> C was learned: that contradiction is the only report. */
  private void assertTakingAUnderCContradictsAToC() throws InterruptedException {
    nest(c, a);
    assertTheOnlyReportIs(
        "potential deadlock: "
            + me
            + " acquires A while holding C, but A -> C "
            + "was established before; lock-order cycle: C -> A -> C");
  }

  @Test
  void takingAHeldNonReentrantLockAgainIsARealDeadlockNotAnOrderWarning() throws Exception {
    newLocksAToD(Policy.THROW);
    a.acquire();
    b.acquire();
    DeadlockException e = assertThrows(DeadlockException.class, a::acquire);
    assertEquals("deadlock: " + me + " holds A and waits for A", e.report().summary());
    release(b, a);
    verifyNoInteractions(listener);
  }

  @Test
  void locksReleasedOutOfOrderKeepTheHeldStackRight() throws Exception {
    newLocksAToD(Policy.THROW);
    a.acquire();
    b.acquire();
    a.release(); // holds B only
    c.acquire(); // B -> C
    release(c, b);
    nest(a, c); // A -> C: consistent with A -> B -> C
    assertThrows(PotentialDeadlockException.class, () -> nest(c, a));
  }

  /**
   * A lock remembers its latest holder's held-locks record so that the same thread taking it again
   * skips the thread-local lookup. A thread taking a lock that another thread held last must use
   * its own record: the worker's "A held" must not become main's, and main's edge must come from
   * what main holds.
   */
  @Test
  void aLockLastHeldByAnotherThreadOrdersItAfterTheCallersOwnLocks() throws Exception {
    newLocksAToD(Policy.THROW);
    try (Workers workers = new Workers()) {
      workers
          .start(
              "worker",
              () -> {
                a.acquire(); // stays held: the worker's record lists A
                b.acquire(); // A -> B; B's latest holder is the worker
                b.release();
              })
          .join();
      c.acquire();
      b.acquire(); // main's record: C -> B, not A -> B again
      release(b, c);
      assertThrows(PotentialDeadlockException.class, () -> nest(b, c));
      b.acquire(); // main holds nothing else: no edge, nothing to refuse
      b.release();
      assertFalse(b.isLocked());
    }
    verifyNoInteractions(listener);
  }

  /**
   * Two threads establish A -> B and B -> A at the same moment, for many fresh pairs of names (by
   * name, so each thread has its own instances and nothing ever blocks). Checking and adding under
   * one lock means exactly one of each pair is reported: the race in which two check-then-adds
   * without a common lock both miss the cycle never happens.
   */
  @Test
  void concurrentOppositeEdgesAreNeverBothMissed() throws Exception {
    LockSet locks = set(Policy.WARN, OrderKey.NAME);
    int pairs = 300;
    CyclicBarrier together = new CyclicBarrier(2);
    try (Workers workers = new Workers()) {
      for (int t = 0; t < 2; t++) {
        boolean forward = t == 0;
        OwnedLock[][] mine = new OwnedLock[pairs][];
        for (int i = 0; i < pairs; i++) {
          mine[i] = new OwnedLock[] {locks.newLock("A" + i), locks.newLock("B" + i)};
        }
        workers.start(
            "worker-" + (t + 1),
            () -> {
              for (int i = 0; i < pairs; i++) {
                together.await(10, TimeUnit.SECONDS);
                if (forward) {
                  nest(mine[i][0], mine[i][1]);
                } else {
                  nest(mine[i][1], mine[i][0]);
                }
              }
            });
      }
    }
    verify(listener, times(pairs)).onDeadlock(any());
  }

  /**
   * One run of the simultaneous case for the explorer: each thread has its own two locks (named A
   * and B, so by name they share the graph's nodes and nothing ever blocks) and the reports of the
   * run's own lock set.
   */
  static final class SameInstant {
    final List<DeadlockReport> reports = new CopyOnWriteArrayList<>();
    final LockSet set =
        LockSet.builder()
            .waitFor(Policy.DISABLED)
            .order(Policy.WARN)
            .listener(reports::add)
            .build();
    final OwnedLock a1 = set.newLock("A");
    final OwnedLock b1 = set.newLock("B");
    final OwnedLock b2 = set.newLock("B");
    final OwnedLock a2 = set.newLock("A");
  }

  private static List<Step> nestSteps(OwnedLock outer, OwnedLock inner) {
    return List.of(
        Step.run("take " + outer.name(), outer::acquire),
        Step.run("take " + inner.name(), inner::acquire),
        Step.run("release " + inner.name(), inner::release),
        Step.run("release " + outer.name(), outer::release));
  }

  /**
   * The simultaneous case as an exact schedule: worker-1 and worker-2 each hold their first lock
   * when both take their second, worker-1 first; worker-2's edge closes the cycle and only it is
   * reported. The explorer then runs every other order of the eight steps: exactly one report in
   * each. Each acquisition is one step here, so the explorer orders whole checks; the race inside a
   * check (two check-then-adds overlapping) is the stress test's above, and the one lock around
   * check and add is what keeps it from missing both.
   */
  @Test
  void theSimultaneousCaseReplayedByTheExplorerIsReportedExactlyOnce() throws Exception {
    Program<SameInstant> program =
        Program.builder("same instant", SameInstant::new)
            .thread("worker-1", s -> nestSteps(s.a1, s.b1))
            .thread("worker-2", s -> nestSteps(s.b2, s.a2))
            .invariant("exactly one report", s -> s.reports.size() == 1)
            .describeState(
                s ->
                    s.reports.size()
                        + " report(s): "
                        + s.reports.stream().map(DeadlockReport::summary).toList())
            .build();
    Explorer explorer = Explorer.defaults();
    Execution sameInstant =
        explorer.replay(
            program, "worker-1,worker-2,worker-1,worker-2,worker-1,worker-1,worker-2,worker-2");
    assertEquals(Outcome.PASSED, sameInstant.outcome(), sameInstant::table);
    assertEquals(
        "1 report(s): [potential deadlock: explore-same_instant-worker-2 acquires A "
            + "while holding B, but A -> B was established before; lock-order cycle: B -> A -> B]",
        sameInstant.finalState());
    Exploration all = explorer.exhaustive(program);
    assertEquals(0, all.findingCount(), all::summary);
    assertEquals(70, all.schedulesExplored()); // 8 steps, 4 each: 8! / (4! 4!)
    assertTrue(all.isComplete());
  }
}
