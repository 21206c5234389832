package dev.gillab.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real wait-for cycles through read/write locks: a writer waits for every reader, a reader for
 * the writer only. Each scenario is driven by latches and by waiting (bounded) until a thread is
 * parked, so the cycle forms the same way every run and the thread named last closes it.
 */
@Timeout(30)
class ReadWriteWaitForTest {
  private final List<DeadlockReport> reports = new CopyOnWriteArrayList<>();

  private LockSet set(Policy waitFor) {
    return LockSet.builder().waitFor(waitFor).order(Policy.DISABLED).listener(reports::add).build();
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertTrue(latch.await(10, TimeUnit.SECONDS), "latch");
  }

  /** worker-1 reads A and wants to write B; worker-2 reads B and wants to write A. */
  @Test
  void twoReadersThatEachWantToWriteTheOthersLockAreADeadlock() throws Exception {
    LockSet locks = set(Policy.THROW);
    OwnedReadWriteLock a = locks.newReadWriteLock("A");
    OwnedReadWriteLock b = locks.newReadWriteLock("B");
    CountDownLatch bothRead = new CountDownLatch(2);
    try (Workers workers = new Workers()) {
      Workers.Worker w1 = workers.start("worker-1", () -> {
        a.acquireRead();
        try {
          bothRead.countDown();
          await(bothRead);
          b.acquireWrite(); // parks behind worker-2's read; worker-2 closes the cycle
          b.releaseWrite();
        } finally {
          a.releaseRead();
        }
      });
      Workers.Worker w2 = workers.start("worker-2", () -> {
        b.acquireRead();
        try {
          bothRead.countDown();
          await(bothRead);
          Workers.awaitParkedInAcquire(w1Thread());
          a.acquireWrite();
        } finally {
          b.releaseRead();
        }
      });
      DeadlockException e = assertInstanceOf(DeadlockException.class, w2.awaitFailure());
      w1.join();
      assertEquals(null, w1.failure.get());
      assertEquals("deadlock: worker-1 holds A (read) and waits for B (write); "
          + "worker-2 holds B (read) and waits for A (write)", e.report().summary());
      assertEquals(List.of("A", "B"), e.report().locks());
      assertTrue(e.getMessage().contains("\n  worker-1 acquired A (read) at:\n"
          + "      at dev.gillab.locks.ReadWriteWaitForTest."), e.getMessage());
      assertFalse(a.isWriteLocked());
    }
  }

  private static Thread w1Thread() {
    return Workers.named("worker-1");
  }

  /**
   * A writer waits for every reader: worker-1 writes B and wants to write A, which reader-0
   * (waiting for nothing) and worker-2 (waiting to write B) read. The cycle runs through
   * worker-2 alone; reader-0 only delays.
   */
  @Test
  void aWriterWaitsForEveryReaderAndTheCycleIsFoundThroughOneOfThem() throws Exception {
    LockSet locks = set(Policy.THROW);
    OwnedReadWriteLock a = locks.newReadWriteLock("A");
    OwnedReadWriteLock b = locks.newReadWriteLock("B");
    CountDownLatch held = new CountDownLatch(3);
    CountDownLatch done = new CountDownLatch(1);
    try (Workers workers = new Workers()) {
      Workers.Worker r0 = workers.start("reader-0", () -> {
        a.acquireRead();
        held.countDown();
        await(done);
        a.releaseRead();
      });
      Workers.Worker w1 = workers.start("worker-1", () -> {
        b.acquireWrite();
        try {
          held.countDown();
          await(held);
          Workers.awaitParkedInAcquire(Workers.named("worker-2"));
          a.acquireWrite();
        } finally {
          b.releaseWrite();
        }
      });
      Workers.Worker w2 = workers.start("worker-2", () -> {
        a.acquireRead();
        try {
          held.countDown();
          await(held);
          b.acquireWrite(); // parks behind worker-1's write
          b.releaseWrite();
        } finally {
          a.releaseRead();
        }
      });
      DeadlockException e = assertInstanceOf(DeadlockException.class, w1.awaitFailure());
      assertEquals("deadlock: worker-1 holds B (write) and waits for A (write); "
          + "worker-2 holds A (read) and waits for B (write)", e.report().summary());
      w2.join();
      assertEquals(null, w2.failure.get());
      done.countDown();
      r0.join();
    }
  }

  /** worker-1 writes A and wants to read B; worker-2 writes B and wants to read A. */
  @Test
  void aReaderWaitsForTheWriter() throws Exception {
    LockSet locks = set(Policy.THROW);
    OwnedReadWriteLock a = locks.newReadWriteLock("A");
    OwnedReadWriteLock b = locks.newReadWriteLock("B");
    CountDownLatch bothWrite = new CountDownLatch(2);
    try (Workers workers = new Workers()) {
      Workers.Worker w1 = workers.start("worker-1", () -> {
        a.acquireWrite();
        try {
          bothWrite.countDown();
          await(bothWrite);
          b.acquireRead();
          b.releaseRead();
        } finally {
          a.releaseWrite();
        }
      });
      Workers.Worker w2 = workers.start("worker-2", () -> {
        b.acquireWrite();
        try {
          bothWrite.countDown();
          await(bothWrite);
          Workers.awaitParkedInAcquire(w1Thread());
          a.acquireRead();
        } finally {
          b.releaseWrite();
        }
      });
      DeadlockException e = assertInstanceOf(DeadlockException.class, w2.awaitFailure());
      w1.join();
      assertEquals(null, w1.failure.get());
      assertEquals("deadlock: worker-1 holds A (write) and waits for B (read); "
          + "worker-2 holds B (write) and waits for A (read)", e.report().summary());
    }
  }

  /**
   * Read A then B and read B then A, with a writer queued on each lock. In a plain
   * ReentrantReadWriteLock each second read waits behind the queued writer and all four stop;
   * here readers pass queued writers, everybody finishes, and nothing is reported.
   */
  @Test
  void readersPassQueuedWritersSoReadingInOppositeOrdersNeverDeadlocks() throws Exception {
    LockSet locks = set(Policy.THROW);
    OwnedReadWriteLock a = locks.newReadWriteLock("A");
    OwnedReadWriteLock b = locks.newReadWriteLock("B");
    CountDownLatch bothRead = new CountDownLatch(2);
    CountDownLatch writersQueued = new CountDownLatch(1);
    try (Workers workers = new Workers()) {
      workers.start("worker-1", () -> readTwice(a, b, bothRead, writersQueued));
      workers.start("worker-2", () -> readTwice(b, a, bothRead, writersQueued));
      await(bothRead);
      Workers.Worker wa = workers.start("writer-A", () -> {
        a.acquireWrite();
        a.releaseWrite();
      });
      Workers.Worker wb = workers.start("writer-B", () -> {
        b.acquireWrite();
        b.releaseWrite();
      });
      wa.awaitParked();
      wb.awaitParked();
      writersQueued.countDown();
    }
    assertEquals(List.of(), reports);
    assertFalse(a.isReadLocked() || a.isWriteLocked() || b.isReadLocked() || b.isWriteLocked());
  }

  private static void readTwice(OwnedReadWriteLock first, OwnedReadWriteLock second,
      CountDownLatch bothRead, CountDownLatch writersQueued) throws InterruptedException {
    first.acquireRead();
    try {
      bothRead.countDown();
      await(writersQueued);
      second.acquireRead();
      second.releaseRead();
    } finally {
      first.releaseRead();
    }
  }

  /** With WARN the cycle is reported once; the watchdog's scan repeats nothing. */
  @Test
  void warnReportsACycleThroughAWriteLockOnceAndTheWatchdogDoesNotRepeatIt() throws Exception {
    LockSet locks = set(Policy.WARN);
    OwnedReadWriteLock a = locks.newReadWriteLock("A");
    OwnedReadWriteLock b = locks.newReadWriteLock("B");
    CountDownLatch bothRead = new CountDownLatch(2);
    CountDownLatch interruptsSent = new CountDownLatch(1);
    List<DeadlockReport> fromWatchdog = new CopyOnWriteArrayList<>();
    try (Workers workers = new Workers();
        Watchdog watchdog = locks.startWatchdog(Duration.ofHours(1), fromWatchdog::add)) {
      Workers.Worker w1 = workers.start("worker-1", () -> readThenWrite(a, b, bothRead, interruptsSent));
      Workers.Worker w2 = workers.start("worker-2", () -> readThenWrite(b, a, bothRead, interruptsSent));
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> reports.size() == 1);
      assertEquals("deadlock: worker-1 holds A (read) and waits for B (write); "
          + "worker-2 holds B (read) and waits for A (write)", reports.get(0).summary());
      w1.awaitParked();
      w2.awaitParked();
      watchdog.scanNow();
      assertEquals(List.of(), fromWatchdog);
      w1.thread.interrupt();
      w2.thread.interrupt();
      interruptsSent.countDown();
      assertInstanceOf(InterruptedException.class, w1.awaitFailure());
      assertInstanceOf(InterruptedException.class, w2.awaitFailure());
    }
    assertEquals(1, reports.size());
  }

  /** Keeps its read until both are interrupted, or the other one would take its write and end. */
  private static void readThenWrite(OwnedReadWriteLock first, OwnedReadWriteLock second,
      CountDownLatch bothRead, CountDownLatch interruptsSent) throws InterruptedException {
    first.acquireRead();
    try {
      bothRead.countDown();
      await(bothRead);
      try {
        second.acquireWrite();
      } catch (InterruptedException e) {
        await(interruptsSent);
        throw e;
      }
      second.releaseWrite();
    } finally {
      first.releaseRead();
    }
  }
}
