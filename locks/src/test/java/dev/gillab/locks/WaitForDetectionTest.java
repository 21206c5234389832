package dev.gillab.locks;

import static dev.gillab.locks.Nesting.closeTheCycle;
import static dev.gillab.locks.Nesting.closeTheCycleOfTwo;
import static dev.gillab.locks.Nesting.holdThenTake;
import static dev.gillab.locks.Nesting.passThrough;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.ArgumentCaptor;

@Timeout(30)
class WaitForDetectionTest {
  private final DeadlockListener listener = mock(DeadlockListener.class);

  // The locks named A to C of the lock set a test makes with newLocksAToC.
  private OwnedLock a;
  private OwnedLock b;
  private OwnedLock c;

  /** Makes a lock set that checks the wait-for graph with {@code waitFor}, and its A to C. */
  private void newLocksAToC(Policy waitFor) {
    LockSet locks = Nesting.checkingWaitForOnly(waitFor, listener);
    a = locks.newLock("A");
    b = locks.newLock("B");
    c = locks.newLock("C");
  }

  @Test
  void theAcquisitionThatClosesTheCycleThrowsBeforeBlocking() throws Exception {
    newLocksAToC(Policy.THROW);
    try (Workers workers = new Workers()) {
      // worker-1 parks on B; worker-2 closes the cycle and backs off
      Nesting.Pair pair =
          closeTheCycleOfTwo(
              workers,
              a,
              b,
              () -> {
                try {
                  a.acquire();
                } finally {
                  assertFalse(a.isHeldByCurrentThread());
                }
              });
      DeadlockException e = assertInstanceOf(DeadlockException.class, pair.second().awaitFailure());
      pair.first().awaitSuccess();

      assertEquals(
          "deadlock: worker-1 holds A and waits for B; worker-2 holds B and waits for A",
          e.report().summary());
      assertEquals(List.of("worker-1", "worker-2"), e.report().threads());
      assertEquals(List.of("A", "B"), e.report().locks());
      String[] lines = e.getMessage().split("\n", -1);
      assertEquals(e.report().summary(), lines[0]);
      assertEquals("  worker-1 acquired A at:", lines[1]);
      assertTrue(lines[2].startsWith("      at dev.gillab.locks.Nesting."), lines[2]);
      assertTrue(
          e.getMessage().contains("\n  worker-2 acquired B at:\n      at dev.gillab.locks."),
          e.getMessage());
      verifyNoInteractions(listener);
    }
  }

  @Test
  void aThreeThreadCycleIsNamedWholeFromTheFirstName() throws Exception {
    newLocksAToC(Policy.THROW);
    CountDownLatch allHold = new CountDownLatch(3);
    try (Workers workers = new Workers()) {
      workers.start("t1", () -> holdThenTake(a, b, allHold));
      workers.start("t2", () -> holdThenTake(b, c, allHold));
      Workers.Worker t3 =
          workers.start("t3", () -> closeTheCycle(c, allHold, a::acquire, "t1", "t2"));
      DeadlockException e = assertInstanceOf(DeadlockException.class, t3.awaitFailure());
      assertEquals(
          "deadlock: t1 holds A and waits for B; t2 holds B and waits for C; "
              + "t3 holds C and waits for A",
          e.report().summary());
    }
  }

  @Test
  void warnReportsTheCycleAndTheThreadsStayDeadlockedUntilInterrupted() throws Exception {
    newLocksAToC(Policy.WARN);
    try (Workers workers = new Workers()) {
      Nesting.Pair pair = closeTheCycleOfTwo(workers, a, b, a::acquire);
      ArgumentCaptor<DeadlockReport> report = ArgumentCaptor.forClass(DeadlockReport.class);
      verify(listener, timeout(10_000)).onDeadlock(report.capture());
      assertEquals(
          "deadlock: worker-1 holds A and waits for B; worker-2 holds B and waits for A",
          report.getValue().summary());
      assertEquals(DeadlockReport.Kind.DEADLOCK, report.getValue().kind());
      pair.second().awaitParked();
      pair.second().thread.interrupt();
      assertInstanceOf(InterruptedException.class, pair.second().awaitFailure());
      pair.first().join();
    }
  }

  @Test
  void aTimedWaitNeverThrowsItTimesOut() throws Exception {
    newLocksAToC(Policy.THROW);
    try (Workers workers = new Workers()) {
      Nesting.Pair pair =
          closeTheCycleOfTwo(workers, a, b, () -> assertFalse(a.tryAcquire(Duration.ofMillis(50))));
      pair.second().awaitSuccess();
      pair.first().awaitSuccess();
    }
  }

  @Test
  void withoutStacksTheReportSaysSo() throws Exception {
    LockSet locks = LockSet.builder().captureStacks(false).order(Policy.DISABLED).build();
    OwnedLock lock = locks.newLock("A");
    lock.acquire();
    DeadlockException e =
        org.junit.jupiter.api.Assertions.assertThrows(DeadlockException.class, lock::acquire);
    String me = Thread.currentThread().getName();
    assertEquals(
        "deadlock: "
            + me
            + " holds A and waits for A\n  "
            + me
            + " acquired A at:\n"
            + "      (not recorded: stacks are captured only by a lock set with captureStacks)",
        e.getMessage());
    lock.release();
  }

  @Test
  void waitingForABusyLockIsNotADeadlock() throws Exception {
    newLocksAToC(Policy.THROW);
    Workers.Pause bothHeld = new Workers.Pause();
    try (Workers workers = new Workers()) {
      // worker-1 holds A and B and waits for nothing: a chain, not a cycle.
      Workers.Worker w1 =
          workers.start(
              "worker-1",
              () -> {
                a.acquire();
                b.acquire();
                bothHeld.here();
                b.release();
                a.release();
              });
      // Start the others only once A and B are held, or they may take them first and never wait.
      bothHeld.awaitReached();
      Workers.Worker w2 = workers.start("worker-2", () -> passThrough(a));
      Workers.Worker w3 = workers.start("worker-3", () -> passThrough(b));
      w2.awaitParked();
      w3.awaitParked();
      bothHeld.letGo();
      for (Workers.Worker w : List.of(w1, w2, w3)) {
        w.awaitSuccess();
      }
    }
    verifyNoInteractions(listener);
  }
}
