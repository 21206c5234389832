package dev.gillab.locks;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import dev.gillab.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.ArgumentCaptor;

/**
 * The watchdog on real deadlocks; each test breaks its deadlock by interrupting, so nothing stays
 * blocked.
 */
@Timeout(60)
class WatchdogIT {
  /** How long a test waits for a report; Mockito's timeout is a bounded wait. */
  private static final int REPORT_WAIT_MILLIS = 10_000;

  private final DeadlockListener heard = mock(DeadlockListener.class);
  private final ArgumentCaptor<DeadlockReport> report =
      ArgumentCaptor.forClass(DeadlockReport.class);

  @Test
  void reportsADeadlockOfJdkLocksWithinBoundedTime() throws Exception {
    ReentrantLock a = new ReentrantLock();
    ReentrantLock b = new ReentrantLock();
    CountDownLatch bothHold = new CountDownLatch(2);
    CountDownLatch interruptsSent = new CountDownLatch(1);
    try (Watchdog watchdog = Watchdog.start(Duration.ofMillis(20), heard);
        Workers workers = new Workers()) {
      Workers.Worker w1 = workers.start("worker-1", () -> jdk(a, b, bothHold, interruptsSent));
      Workers.Worker w2 = workers.start("worker-2", () -> jdk(b, a, bothHold, interruptsSent));
      verify(heard, timeout(REPORT_WAIT_MILLIS)).onDeadlock(report.capture());
      String summary = report.getValue().summary();
      String sync = "java\\.util\\.concurrent\\.locks\\.ReentrantLock\\$NonfairSync@[0-9a-f]+";
      assertTrue(
          summary.matches(
              "deadlock: worker-1 holds "
                  + sync
                  + " and waits for "
                  + sync
                  + "; worker-2 holds "
                  + sync
                  + " and waits for "
                  + sync),
          summary);
      String details = report.getValue().details();
      assertTrue(details.contains("  worker-1 is blocked at:\n"), details);
      long scans = watchdog.scans();
      await().atMost(Duration.ofSeconds(10)).until(() -> watchdog.scans() >= scans + 3);
      verifyNoMoreInteractions(heard); // a lasting deadlock is reported once
      w1.thread.interrupt();
      w2.thread.interrupt();
      interruptsSent.countDown();
      assertInstanceOf(InterruptedException.class, w1.awaitFailure());
      assertInstanceOf(InterruptedException.class, w2.awaitFailure());
    }
  }

  /**
   * An interrupted worker keeps its first lock until both interrupts are sent; released earlier,
   * the other worker (not interrupted yet) could take it and finish instead.
   */
  private static void jdk(
      ReentrantLock first,
      ReentrantLock second,
      CountDownLatch bothHold,
      CountDownLatch interruptsSent)
      throws InterruptedException {
    first.lockInterruptibly();
    try {
      bothHold.countDown();
      bothHold.await(10, TimeUnit.SECONDS);
      try {
        second.lockInterruptibly();
      } catch (InterruptedException e) {
        interruptsSent.await(10, TimeUnit.SECONDS);
        throw e;
      }
      second.unlock();
    } finally {
      first.unlock();
    }
  }

  @Test
  @SuppressWarnings("try") // the watchdog is never named in its block: it only has to run
  void findsUncheckedOwnedLocksThroughTheJvm() throws Exception {
    OwnedLock a = OwnedLock.create("A");
    OwnedLock b = OwnedLock.create("B");
    try (Watchdog watchdog = Watchdog.start(Duration.ofMillis(20), heard);
        Workers workers = new Workers()) {
      Nesting.Pair pair = Nesting.takeInOppositeOrders(workers, "worker-1", "worker-2", a, b);
      verify(heard, timeout(REPORT_WAIT_MILLIS)).onDeadlock(report.capture());
      assertTrue(
          report.getValue().summary().contains("dev.gillab.locks.internal.Sync@"),
          report.getValue().summary());
      breakTheDeadlock(pair);
    }
  }

  @Test
  void aCycleAlreadyReportedByAWarnSetIsNotRepeated() throws Exception {
    DeadlockListener warned = mock(DeadlockListener.class);
    LockSet set = Nesting.checkingWaitForOnly(Policy.WARN, warned);
    OwnedLock a = set.newLock("A");
    OwnedLock b = set.newLock("B");
    try (Watchdog watchdog = set.startWatchdog(Duration.ofMillis(20), heard);
        Workers workers = new Workers()) {
      Nesting.Pair pair = Nesting.takeInOppositeOrders(workers, "worker-1", "worker-2", a, b);
      verify(warned, timeout(REPORT_WAIT_MILLIS)).onDeadlock(report.capture());
      pair.first().awaitParked();
      pair.second().awaitParked();
      watchdog.scanNow();
      watchdog.scanNow();
      verifyNoInteractions(heard);
      assertEquals(
          "deadlock: worker-1 holds A and waits for B; worker-2 holds B and waits for A",
          report.getValue().summary());
      breakTheDeadlock(pair);
    }
  }

  /**
   * A listener that throws an Error (here the AssertionError a test's listener would throw) must
   * not stop the watchdog: a scheduled task that throws is never run again. The first deadlock's
   * report fails in the listener; a second deadlock, formed after that, is still reported, and
   * scans go on.
   */
  @Test
  void aListenerThatThrowsAnErrorDoesNotStopTheWatchdog() throws Exception {
    doThrow(new AssertionError("listener failed on purpose"))
        .doNothing()
        .when(heard)
        .onDeadlock(any());
    OwnedLock a = OwnedLock.create("A");
    OwnedLock b = OwnedLock.create("B");
    OwnedLock c = OwnedLock.create("C");
    OwnedLock d = OwnedLock.create("D");
    try (LogCapture log = LogCapture.of(Watchdog.class);
        Watchdog watchdog = Watchdog.start(Duration.ofMillis(20), heard);
        Workers workers = new Workers()) {
      Nesting.Pair first = Nesting.takeInOppositeOrders(workers, "worker-1", "worker-2", a, b);
      // The second pair starts only once the first deadlock is reported, so the order is known.
      verify(heard, timeout(REPORT_WAIT_MILLIS)).onDeadlock(any());
      Nesting.Pair second = Nesting.takeInOppositeOrders(workers, "worker-3", "worker-4", c, d);
      verify(heard, timeout(REPORT_WAIT_MILLIS).times(2)).onDeadlock(report.capture());
      List<DeadlockReport> reports = report.getAllValues();
      assertEquals(2, reports.size(), reports::toString);
      assertTrue(reports.get(0).summary().contains("worker-1"), reports.get(0).summary());
      assertTrue(reports.get(1).summary().contains("worker-3"), reports.get(1).summary());
      long scans = watchdog.scans();
      await().atMost(Duration.ofSeconds(10)).until(() -> watchdog.scans() >= scans + 2);
      verifyNoMoreInteractions(heard); // each lasting deadlock is reported once
      assertEquals(1, log.messages().size(), "the listener's failure is logged: " + log.messages());
      assertTrue(
          log.messages().get(0).startsWith("deadlock listener failed on: deadlock: worker-1"),
          log.messages().get(0));
      breakTheDeadlock(first, second);
    }
  }

  /**
   * Interrupts every worker of a deadlock, then waits for each to fail. All are interrupted first:
   * one that failed alone would free its lock, and the others would finish instead.
   */
  private static void breakTheDeadlock(Nesting.Pair... deadlocked) throws InterruptedException {
    for (Nesting.Pair p : deadlocked) {
      p.first().thread.interrupt();
      p.second().thread.interrupt();
    }
    for (Nesting.Pair p : deadlocked) {
      p.first().awaitFailure();
      p.second().awaitFailure();
    }
  }
}
