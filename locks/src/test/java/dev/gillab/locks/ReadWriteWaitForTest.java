package dev.gillab.locks;

import static dev.gillab.locks.Nesting.closeTheCycle;
import static dev.gillab.locks.Nesting.holdThenTake;
import static dev.gillab.locks.Nesting.passThrough;
import static dev.gillab.locks.Nesting.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import dev.gillab.locks.Nesting.Mode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;

/**
 * Real wait-for cycles through read/write locks: a writer waits for every reader, a reader for the
 * writer only. Each scenario is driven by latches and by waiting (bounded) until a thread is
 * parked, so the cycle forms the same way every run and the thread named last closes it.
 */
@Timeout(30)
class ReadWriteWaitForTest {
  private final DeadlockListener listener = mock(DeadlockListener.class);

  // The read/write locks named A and B of the lock set a test makes with newLocksAB.
  private OwnedReadWriteLock a;
  private OwnedReadWriteLock b;

  /** Makes a lock set that checks the wait-for graph with {@code waitFor}, and its A and B. */
  private LockSet newLocksAB(Policy waitFor) {
    LockSet locks = Nesting.checkingWaitForOnly(waitFor, listener);
    a = locks.newReadWriteLock("A");
    b = locks.newReadWriteLock("B");
    return locks;
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertTrue(latch.await(10, TimeUnit.SECONDS), "latch");
  }

  /**
   * worker-1 holds A on one side and wants B on the other; worker-2 holds B and wants A the same
   * way. A writer waits for the reader, a reader for the writer: either way a deadlock.
   */
  @ParameterizedTest(name = "each holds its lock for {0} and wants the other's for {1}")
  @MethodSource("crossedSides")
  void twoWorkersThatEachWantTheOthersLockOnTheOtherSideAreADeadlock(
      Mode held, Mode wanted, String summary) throws Exception {
    newLocksAB(Policy.THROW);
    CountDownLatch bothHold = new CountDownLatch(2);
    try (Workers workers = new Workers()) {
      // worker-1 parks behind worker-2's hold of B; worker-2 closes the cycle
      Workers.Worker w1 =
          workers.start("worker-1", () -> holdThenTake(a, held, b, wanted, bothHold));
      Workers.Worker w2 =
          workers.start(
              "worker-2",
              () -> closeTheCycle(b, held, bothHold, () -> take(a, wanted), "worker-1"));
      DeadlockException e = assertInstanceOf(DeadlockException.class, w2.awaitFailure());
      w1.awaitSuccess();
      assertEquals(summary, e.report().summary());
      assertEquals(List.of("A", "B"), e.report().locks());
      assertTrue(
          e.getMessage()
              .contains(
                  "\n  worker-1 acquired A ("
                      + held
                      + ") at:\n"
                      + "      at dev.gillab.locks.Nesting.take"),
          e.getMessage());
      assertFalse(a.isWriteLocked());
    }
  }

  static Stream<Arguments> crossedSides() {
    return Stream.of(
        arguments(
            Mode.READ,
            Mode.WRITE,
            "deadlock: worker-1 holds A (read) and waits for B "
                + "(write); worker-2 holds B (read) and waits for A (write)"),
        arguments(
            Mode.WRITE,
            Mode.READ,
            "deadlock: worker-1 holds A (write) and waits for B "
                + "(read); worker-2 holds B (write) and waits for A (read)"));
  }

  /**
   * A writer waits for every reader: worker-1 writes B and wants to write A, which reader-0
   * (waiting for nothing) and worker-2 (waiting to write B) read. The cycle runs through worker-2
   * alone; reader-0 only delays.
   */
  @Test
  void aWriterWaitsForEveryReaderAndTheCycleIsFoundThroughOneOfThem() throws Exception {
    newLocksAB(Policy.THROW);
    CountDownLatch held = new CountDownLatch(3);
    CountDownLatch done = new CountDownLatch(1);
    try (Workers workers = new Workers()) {
      Workers.Worker r0 =
          workers.start(
              "reader-0",
              () -> {
                a.acquireRead();
                held.countDown();
                await(done);
                a.releaseRead();
              });
      Workers.Worker w1 =
          workers.start(
              "worker-1", () -> closeTheCycle(b, Mode.WRITE, held, a::acquireWrite, "worker-2"));
      // worker-2 parks behind worker-1's write
      Workers.Worker w2 =
          workers.start("worker-2", () -> holdThenTake(a, Mode.READ, b, Mode.WRITE, held));
      DeadlockException e = assertInstanceOf(DeadlockException.class, w1.awaitFailure());
      assertEquals(
          "deadlock: worker-1 holds B (write) and waits for A (write); "
              + "worker-2 holds A (read) and waits for B (write)",
          e.report().summary());
      w2.awaitSuccess();
      done.countDown();
      r0.join();
    }
  }

  /**
   * Read A then B and read B then A, with a writer queued on each lock. In a plain
   * ReentrantReadWriteLock each second read waits behind the queued writer and all four stop; here
   * readers pass queued writers, everybody finishes, and nothing is reported.
   */
  @Test
  void readersPassQueuedWritersSoReadingInOppositeOrdersNeverDeadlocks() throws Exception {
    newLocksAB(Policy.THROW);
    CountDownLatch bothRead = new CountDownLatch(2);
    CountDownLatch writersQueued = new CountDownLatch(1);
    try (Workers workers = new Workers()) {
      workers.start("worker-1", () -> readTwice(a, b, bothRead, writersQueued));
      workers.start("worker-2", () -> readTwice(b, a, bothRead, writersQueued));
      await(bothRead);
      Workers.Worker wa = workers.start("writer-A", () -> passThrough(a, Mode.WRITE));
      Workers.Worker wb = workers.start("writer-B", () -> passThrough(b, Mode.WRITE));
      wa.awaitParked();
      wb.awaitParked();
      writersQueued.countDown();
    }
    verifyNoInteractions(listener);
    assertFalse(a.isReadLocked() || a.isWriteLocked() || b.isReadLocked() || b.isWriteLocked());
  }

  private static void readTwice(
      OwnedReadWriteLock first,
      OwnedReadWriteLock second,
      CountDownLatch bothRead,
      CountDownLatch writersQueued)
      throws InterruptedException {
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
    LockSet locks = newLocksAB(Policy.WARN);
    CountDownLatch bothRead = new CountDownLatch(2);
    CountDownLatch interruptsSent = new CountDownLatch(1);
    DeadlockListener fromWatchdog = mock(DeadlockListener.class);
    try (Workers workers = new Workers();
        Watchdog watchdog = locks.startWatchdog(Duration.ofHours(1), fromWatchdog)) {
      Workers.Worker w1 =
          workers.start("worker-1", () -> readThenWrite(a, b, bothRead, interruptsSent));
      Workers.Worker w2 =
          workers.start("worker-2", () -> readThenWrite(b, a, bothRead, interruptsSent));
      ArgumentCaptor<DeadlockReport> report = ArgumentCaptor.forClass(DeadlockReport.class);
      verify(listener, timeout(10_000)).onDeadlock(report.capture());
      assertEquals(
          "deadlock: worker-1 holds A (read) and waits for B (write); "
              + "worker-2 holds B (read) and waits for A (write)",
          report.getValue().summary());
      w1.awaitParked();
      w2.awaitParked();
      watchdog.scanNow();
      verifyNoInteractions(fromWatchdog);
      w1.thread.interrupt();
      w2.thread.interrupt();
      interruptsSent.countDown();
      assertInstanceOf(InterruptedException.class, w1.awaitFailure());
      assertInstanceOf(InterruptedException.class, w2.awaitFailure());
    }
    verifyNoMoreInteractions(listener); // breaking the cycle reports nothing more
  }

  /** Keeps its read until both are interrupted, or the other one would take its write and end. */
  private static void readThenWrite(
      OwnedReadWriteLock first,
      OwnedReadWriteLock second,
      CountDownLatch bothRead,
      CountDownLatch interruptsSent)
      throws InterruptedException {
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
