package dev.gillab.locks;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    try (Watchdog watchdog = Watchdog.start(Duration.ofMillis(20), heard::add);
        Workers workers = new Workers()) {
      Workers.Worker w1 = workers.start("worker-1", () -> jdk(a, b, bothHold));
      Workers.Worker w2 = workers.start("worker-2", () -> jdk(b, a, bothHold));
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
      assertInstanceOf(InterruptedException.class, w1.awaitFailure());
      assertInstanceOf(InterruptedException.class, w2.awaitFailure());
    }
  }

  private static void jdk(ReentrantLock first, ReentrantLock second, CountDownLatch bothHold)
      throws InterruptedException {
    first.lockInterruptibly();
    try {
      bothHold.countDown();
      bothHold.await(10, TimeUnit.SECONDS);
      second.lockInterruptibly();
      second.unlock();
    } finally {
      first.unlock();
    }
  }

  @Test
  void findsUncheckedOwnedLocksThroughTheJvm() throws Exception {
    OwnedLock a = OwnedLock.create("A");
    OwnedLock b = OwnedLock.create("B");
    CountDownLatch bothHold = new CountDownLatch(2);
    try (Watchdog watchdog = Watchdog.start(Duration.ofMillis(20), heard::add);
        Workers workers = new Workers()) {
      Workers.Worker w1 = workers.start("worker-1", () -> WaitForDetectionTest.hold(a, b, bothHold));
      Workers.Worker w2 = workers.start("worker-2", () -> WaitForDetectionTest.hold(b, a, bothHold));
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
      Workers.Worker w1 = workers.start("worker-1", () -> WaitForDetectionTest.hold(a, b, bothHold));
      Workers.Worker w2 = workers.start("worker-2", () -> WaitForDetectionTest.hold(b, a, bothHold));
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
}
