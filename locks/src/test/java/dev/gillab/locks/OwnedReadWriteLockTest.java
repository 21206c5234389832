package dev.gillab.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OwnedReadWriteLockTest {
  private final String me = Thread.currentThread().getName();

  @Test
  void onlyAHolderMayReleaseItsSide() throws Exception {
    OwnedReadWriteLock a = OwnedReadWriteLock.create("A");
    assertEquals(
        me + " cannot release the read lock of 'A': it holds none",
        assertThrows(IllegalMonitorStateException.class, a::releaseRead).getMessage());
    assertEquals(
        me + " cannot release the write lock of 'A': it is not held",
        assertThrows(IllegalMonitorStateException.class, a::releaseWrite).getMessage());
    a.acquireWrite();
    Workers.runAlone(
        "worker",
        () ->
            assertEquals(
                "worker cannot release the write lock of 'A': it is held by " + me,
                assertThrows(IllegalMonitorStateException.class, a::releaseWrite).getMessage()));
    assertEquals("read/write lock 'A' (written by " + me + ")", a.toString());
    a.releaseWrite();
    assertEquals("read/write lock 'A' (free)", a.toString());
  }

  @Test
  void readersShareWritersDoNot() throws Exception {
    OwnedReadWriteLock a = OwnedReadWriteLock.create("A");
    a.acquireRead();
    Workers.runAlone(
        "worker",
        () -> {
          assertTrue(a.tryAcquireRead());
          assertFalse(a.tryAcquireWrite());
          assertFalse(a.tryAcquireWrite(Duration.ofMillis(10)));
          a.releaseRead();
        });
    assertEquals("read/write lock 'A' (read, 1 hold)", a.toString());
    a.releaseRead();
    a.acquireWrite();
    Workers.runAlone(
        "worker",
        () -> {
          assertFalse(a.tryAcquireRead());
          assertFalse(a.tryAcquireRead(Duration.ofMillis(10)));
        });
    a.releaseWrite();
  }

  @Test
  void bothSidesAreReentrantAndAWriterMayDowngrade() throws Exception {
    OwnedReadWriteLock a = OwnedReadWriteLock.create("A");
    a.acquireWrite();
    a.acquireWrite();
    a.acquireRead();
    assertEquals(2, a.writeHoldCount());
    assertEquals(1, a.readHoldCount());
    a.releaseWrite();
    a.releaseWrite();
    assertTrue(a.isReadLocked());
    assertFalse(a.isWriteLocked());
    Workers.runAlone(
        "worker",
        () -> {
          a.acquireRead(); // the writer let go: readers may join the downgraded hold
          a.releaseRead();
        });
    a.releaseRead();
  }

  /** A reader asking to write would wait for its own read forever: refused, checked or not. */
  @Test
  void anUpgradeIsRefusedAsADeadlockWithItself() throws Exception {
    for (LockSet set : new LockSet[] {LockSet.unchecked(), LockSet.builder().build()}) {
      OwnedReadWriteLock a = set.newReadWriteLock("A");
      a.acquireRead();
      DeadlockException e = assertThrows(DeadlockException.class, a::acquireWrite);
      assertEquals(
          "deadlock: " + me + " holds A (read) and waits for A (write)", e.report().summary());
      assertFalse(a.tryAcquireWrite(Duration.ofSeconds(5)));
      assertFalse(a.isWriteLocked());
      a.releaseRead();
    }
  }

  @Test
  void aReaderWaitsForTheWriterAndGoesWhenItLetsGo() throws Exception {
    OwnedReadWriteLock a = LockSet.builder().build().newReadWriteLock("A");
    AtomicBoolean readWhileWritten = new AtomicBoolean();
    a.acquireWrite();
    try (Workers workers = new Workers()) {
      Workers.Worker reader =
          workers.start(
              "worker",
              () -> {
                a.acquireRead();
                readWhileWritten.set(a.isWriteLocked());
                a.releaseRead();
              });
      reader.awaitParked();
      a.releaseWrite();
      reader.join();
    }
    assertFalse(readWhileWritten.get());
  }

  @Test
  void waitsAreInterruptibleAndTakeNothing() throws Exception {
    OwnedReadWriteLock a = OwnedReadWriteLock.create("A");
    a.acquireWrite();
    assertInstanceOf(
        InterruptedException.class,
        Workers.interruptOnceParked(
            "worker",
            () -> {
              try {
                a.acquireRead();
              } finally {
                assertEquals(0, a.readHoldCount());
              }
            }));
    a.releaseWrite();
    a.acquireRead();
    assertInstanceOf(
        InterruptedException.class, Workers.interruptOnceParked("worker", a::acquireWrite));
    a.releaseRead();
    assertFalse(a.isReadLocked() || a.isWriteLocked());
  }
}
