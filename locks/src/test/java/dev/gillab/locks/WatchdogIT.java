package dev.gillab.locks;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The watchdog on real deadlocks; each test breaks its deadlock by interrupting, so nothing stays blocked. */
@Timeout(60)
class WatchdogIT {
  private final List<DeadlockReport> heard = new CopyOnWriteArrayList<>();

  @Test
  void reportsADeadlockOfJdkLocksWithinBoundedTime() throws Exception {
    ReentrantLock a = new ReentrantLock();
    ReentrantLock b = new ReentrantLock();
    CountDownLatch bothHold = new CountDownLatch(2);
    CountDownLatch interruptsSent = new CountDownLatch(1);
    try (Watchdog watchdog = Watchdog.start(Duration.ofMillis(20), heard::add);
        Workers workers = new Workers()) {
      Workers.Worker w1 = workers.start("worker-1", () -> jdk(a, b, bothHold, interruptsSent));
      Workers.Worker w2 = workers.start("worker-2", () -> jdk(b, a, bothHold, interruptsSent));
      await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty());
      String summary = heard.get(0).summary();
      String sync = "java\\.util\\.concurrent\\.locks\\.ReentrantLock\\$NonfairSync@[0-9a-f]+";
      assertTrue(summary.matches("deadlock: worker-1 holds " + sync + " and waits for " + sync
          + "; worker-2 holds " + sync + " and waits for " + sync), summary);
      assertTrue(heard.get(0).details().contains("  worker-1 is blocked at:\n"), heard.get(0).details());
      long scans = watchdog.scans();
      await().atMost(Duration.ofSeconds(10)).until(() -> watchdog.scans() >= scans + 3);
      assertEquals(1, heard.size(), "a lasting deadlock is reported once");
      w1.thread.interrupt();
      w2.thread.interrupt();
      interruptsSent.countDown();
      assertInstanceOf(InterruptedException.class, w1.awaitFailure());
      assertInstanceOf(InterruptedException.class, w2.awaitFailure());
    }
  }

  /**
   * An interrupted worker keeps its first lock until both interrupts are sent; released
   * earlier, the other worker (not interrupted yet) could take it and finish instead.
   */
  private static void jdk(ReentrantLock first, ReentrantLock second, CountDownLatch bothHold,
      CountDownLatch interruptsSent) throws InterruptedException {
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
    CountDownLatch bothHold = new CountDownLatch(2);
    try (Watchdog watchdog = Watchdog.start(Duration.ofMillis(20), heard::add);
        Workers workers = new Workers()) {
      Workers.Worker w1 = workers.start("worker-1", () -> Nesting.holdThenTake(a, b, bothHold));
      Workers.Worker w2 = workers.start("worker-2", () -> Nesting.holdThenTake(b, a, bothHold));
      await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty());
      assertTrue(heard.get(0).summary().contains("dev.gillab.locks.internal.Sync@"),
          heard.get(0).summary());
      w1.thread.interrupt();
      w2.thread.interrupt();
      w1.awaitFailure();
      w2.awaitFailure();
    }
  }

  @Test
  void aCycleAlreadyReportedByAWarnSetIsNotRepeated() throws Exception {
    List<DeadlockReport> warned = new CopyOnWriteArrayList<>();
    LockSet set = LockSet.builder().waitFor(Policy.WARN).order(Policy.DISABLED)
        .listener(warned::add).build();
    OwnedLock a = set.newLock("A");
    OwnedLock b = set.newLock("B");
    CountDownLatch bothHold = new CountDownLatch(2);
    try (Watchdog watchdog = set.startWatchdog(Duration.ofMillis(20), heard::add);
        Workers workers = new Workers()) {
      Workers.Worker w1 = workers.start("worker-1", () -> Nesting.holdThenTake(a, b, bothHold));
      Workers.Worker w2 = workers.start("worker-2", () -> Nesting.holdThenTake(b, a, bothHold));
      await().atMost(Duration.ofSeconds(10)).until(() -> !warned.isEmpty());
      w1.awaitParked();
      w2.awaitParked();
      watchdog.scanNow();
      watchdog.scanNow();
      assertEquals(List.of(), heard);
      assertEquals("deadlock: worker-1 holds A and waits for B; worker-2 holds B and waits for A",
          warned.get(0).summary());
      w1.thread.interrupt();
      w2.thread.interrupt();
      w1.awaitFailure();
      w2.awaitFailure();
    }
  }
  /**
   * A listener that throws an Error (here the AssertionError a test's listener would throw)
   * must not stop the watchdog: a scheduled task that throws is never run again. The first
   * deadlock's report fails in the listener; a second deadlock, formed after that, is still
   * reported, and scans go on.
   */
  @Test
  void aListenerThatThrowsAnErrorDoesNotStopTheWatchdog() throws Exception {
    CountDownLatch firstHeard = new CountDownLatch(1);
    DeadlockListener failing = r -> {
      heard.add(r);
      firstHeard.countDown();
      if (heard.size() == 1) {
        throw new AssertionError("listener failed on purpose");
      }
    };
    OwnedLock a = OwnedLock.create("A");
    OwnedLock b = OwnedLock.create("B");
    OwnedLock c = OwnedLock.create("C");
    OwnedLock d = OwnedLock.create("D");
    CountDownLatch firstPairHolds = new CountDownLatch(2);
    CountDownLatch secondPairHolds = new CountDownLatch(2);
    try (LogCapture log = LogCapture.of(Watchdog.class);
        Watchdog watchdog = Watchdog.start(Duration.ofMillis(20), failing);
        Workers workers = new Workers()) {
      Workers.Worker w1 = workers.start("worker-1", () -> Nesting.holdThenTake(a, b, firstPairHolds));
      Workers.Worker w2 = workers.start("worker-2", () -> Nesting.holdThenTake(b, a, firstPairHolds));
      assertTrue(firstHeard.await(10, TimeUnit.SECONDS), "first deadlock reported");
      Workers.Worker w3 = workers.start("worker-3", () -> Nesting.holdThenTake(c, d, secondPairHolds));
      Workers.Worker w4 = workers.start("worker-4", () -> Nesting.holdThenTake(d, c, secondPairHolds));
      await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() >= 2);
      assertTrue(heard.get(0).summary().contains("worker-1"), heard.get(0).summary());
      assertTrue(heard.get(1).summary().contains("worker-3"), heard.get(1).summary());
      long scans = watchdog.scans();
      await().atMost(Duration.ofSeconds(10)).until(() -> watchdog.scans() >= scans + 2);
      assertEquals(2, heard.size(), "each lasting deadlock is reported once");
      assertEquals(1, log.messages().size(), "the listener's failure is logged: " + log.messages());
      assertTrue(log.messages().get(0).startsWith("deadlock listener failed on: deadlock: worker-1"),
          log.messages().get(0));
      for (Workers.Worker w : List.of(w1, w2, w3, w4)) {
        w.thread.interrupt();
      }
      for (Workers.Worker w : List.of(w1, w2, w3, w4)) {
        w.awaitFailure();
      }
    }
  }
}
