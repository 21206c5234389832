package dev.gillab.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

@Timeout(30)
class PreventionAndRecoveryTest {
  /** Hears what the order checker reports; an ordered acquisition must give it nothing to say. */
  private final DeadlockListener listener = mock(DeadlockListener.class);

  @Test
  @SuppressWarnings("try") // the holds are never named in their blocks: holding is their job
  void orderedAcquisitionTakesByIdWhateverTheRequestAndReleasesInReverse() throws Exception {
    LockSet set = LockSet.builder().order(Policy.THROW).listener(listener).build();
    OwnedLock a = set.newLock("A");
    OwnedLock b = set.newLock("B");
    OwnedLock c = set.newLock("C");
    try (Hold h = OrderedAcquisition.acquireAll(c, a, b)) {
      assertTrue(
          a.isHeldByCurrentThread() && b.isHeldByCurrentThread() && c.isHeldByCurrentThread());
    }
    assertFalse(a.isLocked() || b.isLocked() || c.isLocked());
    // had it taken C before A, this would now be refused as a potential deadlock
    try (Hold h = OrderedAcquisition.acquireAll(b, a)) {
      assertTrue(a.isHeldByCurrentThread());
    }
    verifyNoInteractions(listener);
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
    try (Hold h =
        OrderedAcquisition.acquireAll(OrderedAcquisition.BY_NAME.reversed(), List.of(a, b))) {
      assertTrue(a.isHeldByCurrentThread());
    }
    assertThrows(
        PotentialDeadlockException.class,
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

  /**
   * Each failed attempt is heard before its backoff is slept, with the very backoff then slept; the
   * listener and the sleeper are the point, so both are mocks, verified in one order.
   */
  @Test
  void timedAcquisitionGivesUpHoldingNothingWithGrowingJitteredBackoff() throws Exception {
    OwnedLock a = OwnedLock.create("A");
    OwnedLock b = OwnedLock.create("B");
    TimedAcquisition.Sleeper sleeper = mock(TimedAcquisition.Sleeper.class);
    TimedAcquisition.RetryListener retries = mock(TimedAcquisition.RetryListener.class);
    TimedAcquisition timed =
        TimedAcquisition.builder()
            .timeoutPerLock(Duration.ZERO)
            .maxAttempts(5)
            .backoff(Duration.ofMillis(2), Duration.ofMillis(8))
            .seed(1)
            .sleeper(sleeper)
            .onRetry(retries)
            .build();
    try (Workers workers = new Workers()) {
      workers.start(
          "worker-1",
          () -> {
            b.acquire();
            try {
              LockTimeoutException e =
                  assertThrows(
                      LockTimeoutException.class,
                      () -> OnThread.callOn("worker-2", () -> timed.acquireAll(a, b)));
              assertEquals(
                  "gave up on locks [A, B] after 5 attempts; the last one timed out after 0 ms "
                      + "waiting for 'B'",
                  e.getMessage());
            } finally {
              b.release();
            }
          });
    }
    assertFalse(a.isLocked());
    InOrder inOrder = inOrder(retries, sleeper);
    ArgumentCaptor<Duration> heard = ArgumentCaptor.forClass(Duration.class);
    long[] caps = {2, 4, 8, 8};
    for (int i = 0; i < caps.length; i++) {
      inOrder.verify(retries).onRetry(eq(i + 1), same(b), heard.capture());
      Duration backoff = heard.getValue();
      inOrder.verify(sleeper).sleep(backoff);
      long nanos = backoff.toNanos();
      long cap = Duration.ofMillis(caps[i]).toNanos();
      assertTrue(nanos >= cap / 2 && nanos <= cap, i + ": " + backoff);
    }
    verifyNoMoreInteractions(retries, sleeper);
  }

  @Test
  @SuppressWarnings("try") // the holds are never named in their blocks: holding is their job
  void timedAcquisitionSucceedsOnceTheOtherLetsGo() throws Exception {
    OwnedLock a = OwnedLock.create("A");
    OwnedLock b = OwnedLock.create("B");
    b.acquire();
    // the first backoff releases B: the second attempt must get both
    TimedAcquisition timed =
        TimedAcquisition.builder()
            .timeoutPerLock(Duration.ZERO)
            .seed(2)
            .sleeper(
                d -> {
                  if (b.isHeldByCurrentThread()) {
                    b.release();
                  }
                })
            .build();
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
      Thread t =
          new Thread(
              () -> {
                try {
                  call.call().close();
                } catch (Throwable e) {
                  thrown[0] = e;
                }
              },
              name);
      t.start();
      t.join(10_000);
      if (thrown[0] != null) {
        throw thrown[0];
      }
    }
  }
}
