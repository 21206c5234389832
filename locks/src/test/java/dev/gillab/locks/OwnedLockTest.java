package dev.gillab.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OwnedLockTest {
  private final String me = Thread.currentThread().getName();

  @Test
  void oneHolderAtATime() throws Exception {
    OwnedLock a = OwnedLock.create("A");
    a.acquire();
    Workers.runAlone(
        "worker-1",
        () -> {
          if (a.tryAcquire() || a.tryAcquire(Duration.ofMillis(20))) {
            throw new AssertionError("took a held lock");
          }
        });
    assertTrue(a.isHeldByCurrentThread());
    a.release();
    assertFalse(a.isLocked());
  }

  @Test
  void releaseByANonHolderThrowsNamingLockCallerAndHolder() throws Exception {
    OwnedLock a = OwnedLock.create("A");
    IllegalMonitorStateException free =
        assertThrows(IllegalMonitorStateException.class, a::release);
    assertEquals(me + " cannot release lock 'A': it is not held", free.getMessage());

    Workers.Pause holding = new Workers.Pause();
    try (Workers workers = new Workers()) {
      workers.start(
          "worker-1",
          () -> {
            a.acquire();
            holding.here();
            a.release();
          });
      holding.awaitReached();
      IllegalMonitorStateException other =
          assertThrows(IllegalMonitorStateException.class, a::release);
      assertEquals(me + " cannot release lock 'A': it is held by worker-1", other.getMessage());
      assertEquals("lock 'A' (held by worker-1)", a.toString());
      holding.letGo();
    }
    assertEquals("lock 'A' (free)", a.toString());
  }

  @Test
  void nonReentrantLockTakenAgainByItsHolderIsADeadlockNotAHang() throws Exception {
    OwnedLock a = OwnedLock.create("A");
    a.acquire();
    assertFalse(a.tryAcquire());
    assertFalse(a.tryAcquire(Duration.ofSeconds(10)));
    DeadlockException e = assertThrows(DeadlockException.class, a::acquire);
    assertEquals("deadlock: " + me + " holds A and waits for A", e.report().summary());
    assertEquals(1, a.holdCount());
    a.release();
    assertEquals(0, a.holdCount());
  }

  @Test
  void reentrantLockCountsHolds() throws Exception {
    OwnedLock r = OwnedLock.reentrant("R");
    assertTrue(r.isReentrant());
    r.acquire();
    assertTrue(r.tryAcquire());
    assertTrue(r.tryAcquire(Duration.ZERO));
    assertEquals(3, r.holdCount());
    r.release();
    r.release();
    assertTrue(r.isLocked());
    r.release();
    assertFalse(r.isLocked());
    assertThrows(IllegalMonitorStateException.class, r::release);
  }

  @Test
  void acquisitionIsInterruptibleAndTakesNothing() throws Exception {
    OwnedLock a = OwnedLock.create("A");
    a.acquire();
    assertInstanceOf(
        InterruptedException.class, Workers.interruptOnceParked("worker-1", a::acquire));
    assertTrue(a.isHeldByCurrentThread());
    a.release();

    Thread.currentThread().interrupt();
    InterruptedException before = assertThrows(InterruptedException.class, a::acquire);
    assertEquals(me + " was interrupted before acquiring lock 'A'", before.getMessage());
    assertFalse(a.isLocked());
  }

  @Test
  void timedAcquisitionSucceedsOnceTheHolderLetsGo() throws Exception {
    OwnedLock a = OwnedLock.create("A");
    a.acquire();
    try (Workers workers = new Workers()) {
      Workers.Worker w =
          workers
              .start(
                  "worker-1",
                  () -> {
                    if (!a.tryAcquire(Duration.ofSeconds(10))) {
                      throw new AssertionError("timed out");
                    }
                    a.release();
                  })
              .awaitParked();
      a.release();
      w.awaitSuccess();
    }
  }

  @Test
  void holdReleasesOnceWhenClosed() throws Exception {
    OwnedLock r = OwnedLock.reentrant("R");
    r.acquire();
    Hold h = r.hold();
    assertEquals(2, r.holdCount());
    h.close();
    h.close();
    assertEquals(1, r.holdCount());
    r.release();
  }

  @Test
  void everyLockHasANameAndAnIncreasingId() {
    IllegalArgumentException blank =
        assertThrows(IllegalArgumentException.class, () -> OwnedLock.create(" "));
    assertEquals("a lock needs a non-blank name", blank.getMessage());
    OwnedLock a = OwnedLock.create("A");
    OwnedLock b = OwnedLock.create("B");
    assertEquals("A", a.name());
    assertTrue(b.id() > a.id());
    assertFalse(a.isReentrant());
  }
}
