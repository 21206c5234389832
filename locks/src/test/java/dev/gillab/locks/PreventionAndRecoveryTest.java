package dev.gillab.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PreventionAndRecoveryTest {
  /** Records every lock operation of the set's locks through the order checker's eyes. */
  private final List<DeadlockReport> reports = new ArrayList<>();

  @Test
  @SuppressWarnings("try") // the holds are never named in their blocks: holding is their job
  void orderedAcquisitionTakesByIdWhateverTheRequestAndReleasesInReverse() throws Exception {
    LockSet set = LockSet.builder().order(Policy.THROW).listener(reports::add).build();
    OwnedLock a = set.newLock("A");
    OwnedLock b = set.newLock("B");
    OwnedLock c = set.newLock("C");
    try (Hold h = OrderedAcquisition.acquireAll(c, a, b)) {
      assertTrue(a.isHeldByCurrentThread() && b.isHeldByCurrentThread() && c.isHeldByCurrentThread());
    }
    assertFalse(a.isLocked() || b.isLocked() || c.isLocked());
    // had it taken C before A, this would now be refused as a potential deadlock
    try (Hold h = OrderedAcquisition.acquireAll(b, a)) {
      assertTrue(a.isHeldByCurrentThread());
    }
    assertEquals(List.of(), reports);
  }

  @Test
  @SuppressWarnings("try") // the holds are never named in their blocks: holding is their job
  void orderedAcquisitionByAnyRank() throws Exception {
    OwnedLock z = OwnedLock.create("z");
    OwnedLock y = OwnedLock.create("y");
    LockSet set = LockSet.builder().order(Policy.THROW).build();
    OwnedLock a = set.newLock("a");
    OwnedLock b = set.newLock("b");
    try (Hold h = OrderedAcquisition.acquireAll(OrderedAcquisition.BY_NAME, List.of(z, y))) {
      assertTrue(z.isHeldByCurrentThread() && y.isHeldByCurrentThread());
    }
    try (Hold h = OrderedAcquisition.acquireAll(OrderedAcquisition.BY_NAME.reversed(), List.of(a, b))) {
      assertTrue(a.isHeldByCurrentThread());
    }
    assertThrows(PotentialDeadlockException.class,
        () -> OrderedAcquisition.acquireAll(OrderedAcquisition.BY_NAME, List.of(a, b)));
    assertFalse(a.isLocked() || b.isLocked(), "a failed call holds nothing");
  }

  @Test
  void badRequestsAreRejected() {
    OwnedLock a = OwnedLock.create("A");
    IllegalArgumentException twice =
        assertThrows(IllegalArgumentException.class, () -> OrderedAcquisition.acquireAll(a, a));
    assertEquals("lock 'A' is listed twice", twice.getMessage());
    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class, () -> OrderedAcquisition.acquireAll());
    assertEquals("acquireAll needs at least one lock", none.getMessage());
  }

  @Test
  void timedAcquisitionGivesUpHoldingNothingWithGrowingJitteredBackoff() throws Exception {
    OwnedLock a = OwnedLock.create("A");
    OwnedLock b = OwnedLock.create("B");
    List<Duration> slept = new ArrayList<>();
    List<String> busy = new ArrayList<>();
    TimedAcquisition timed = TimedAcquisition.builder()
        .timeoutPerLock(Duration.ZERO).maxAttempts(5)
        .backoff(Duration.ofMillis(2), Duration.ofMillis(8)).seed(1)
        .sleeper(slept::add)
        .onRetry((attempt, lock, pause) -> busy.add(attempt + ":" + lock.name()))
        .build();
    try (Workers workers = new Workers()) {
      workers.start("worker-1", () -> {
        b.acquire();
        try {
          LockTimeoutException e =
              assertThrows(LockTimeoutException.class, () -> OnThread.callOn("worker-2", () -> timed.acquireAll(a, b)));
          assertEquals("gave up on locks [A, B] after 5 attempts; the last one timed out after 0 ms "
              + "waiting for 'B'", e.getMessage());
        } finally {
          b.release();
        }
      });
    }
    assertFalse(a.isLocked());
    assertEquals(List.of("1:B", "2:B", "3:B", "4:B"), busy);
    long[] caps = {2, 4, 8, 8};
    for (int i = 0; i < slept.size(); i++) {
      long nanos = slept.get(i).toNanos();
      long cap = Duration.ofMillis(caps[i]).toNanos();
      assertTrue(nanos >= cap / 2 && nanos <= cap, i + ": " + slept.get(i));
    }
  }

  @Test
  @SuppressWarnings("try") // the holds are never named in their blocks: holding is their job
  void timedAcquisitionSucceedsOnceTheOtherLetsGo() throws Exception {
    OwnedLock a = OwnedLock.create("A");
    OwnedLock b = OwnedLock.create("B");
    b.acquire();
    // the first backoff releases B: the second attempt must get both
    TimedAcquisition timed = TimedAcquisition.builder().timeoutPerLock(Duration.ZERO).seed(2)
        .sleeper(d -> {
          if (b.isHeldByCurrentThread()) {
            b.release();
          }
        }).build();
    try (Hold h = timed.acquireAll(a, b)) {
      assertTrue(a.isHeldByCurrentThread() && b.isHeldByCurrentThread());
    }
    assertFalse(a.isLocked() || b.isLocked());
  }

  /** Runs a call on a named thread (so that lock ownership differs) and rethrows what it threw. */
  static final class OnThread {
    interface Call {
      Hold call() throws Exception;
    }

    static void callOn(String name, Call call) throws Throwable {
      Throwable[] thrown = new Throwable[1];
      Thread t = new Thread(() -> {
        try {
          call.call().close();
        } catch (Throwable e) {
          thrown[0] = e;
        }
      }, name);
      t.start();
      t.join(10_000);
      if (thrown[0] != null) {
        throw thrown[0];
      }
    }
  }
}
