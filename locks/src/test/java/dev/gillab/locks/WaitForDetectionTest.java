package dev.gillab.locks;

import static org.awaitility.Awaitility.await;
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

@Timeout(30)
class WaitForDetectionTest {
  private final List<DeadlockReport> reports = new CopyOnWriteArrayList<>();

  private LockSet set(Policy waitFor) {
    return LockSet.builder().waitFor(waitFor).order(Policy.DISABLED).listener(reports::add).build();
  }

  @Test
  void theAcquisitionThatClosesTheCycleThrowsBeforeBlocking() throws Exception {
    LockSet locks = set(Policy.THROW);
    OwnedLock a = locks.newLock("A");
    OwnedLock b = locks.newLock("B");
    CountDownLatch bothHold = new CountDownLatch(2);
    try (Workers workers = new Workers()) {
      Workers.Worker w1 = workers.start("worker-1", () -> {
        a.acquire();
        bothHold.countDown();
        bothHold.await(10, TimeUnit.SECONDS);
        b.acquire(); // parks; worker-2 closes the cycle and backs off
        b.release();
        a.release();
      });
      Workers.Worker w2 = workers.start("worker-2", () -> {
        b.acquire();
        bothHold.countDown();
        w1Parked(bothHold);
        try {
          a.acquire();
        } finally {
          assertFalse(a.isHeldByCurrentThread());
          b.release();
        }
      });
      DeadlockException e = assertInstanceOf(DeadlockException.class, w2.awaitFailure());
      w1.join();
      assertEquals(null, w1.failure.get());

      assertEquals("deadlock: worker-1 holds A and waits for B; worker-2 holds B and waits for A",
          e.report().summary());
      assertEquals(List.of("worker-1", "worker-2"), e.report().threads());
      assertEquals(List.of("A", "B"), e.report().locks());
      String[] lines = e.getMessage().split("\n");
      assertEquals(e.report().summary(), lines[0]);
      assertEquals("  worker-1 acquired A at:", lines[1]);
      assertTrue(lines[2].startsWith("      at dev.gillab.locks.WaitForDetectionTest."), lines[2]);
      assertTrue(e.getMessage().contains("\n  worker-2 acquired B at:\n      at dev.gillab.locks."),
          e.getMessage());
      assertEquals(List.of(), reports);
    }
  }

  /** worker-2 waits until worker-1 is parked on B, so that worker-2 is the one closing the cycle. */
  private static void w1Parked(CountDownLatch bothHold) throws InterruptedException {
    bothHold.await(10, TimeUnit.SECONDS);
    Workers.awaitParkedInAcquire(Workers.named("worker-1"));
  }

  @Test
  void aThreeThreadCycleIsNamedWholeFromTheFirstName() throws Exception {
    LockSet locks = set(Policy.THROW);
    OwnedLock a = locks.newLock("A");
    OwnedLock b = locks.newLock("B");
    OwnedLock c = locks.newLock("C");
    CountDownLatch allHold = new CountDownLatch(3);
    try (Workers workers = new Workers()) {
      Workers.Worker t1 = workers.start("t1", () -> hold(a, b, allHold));
      Workers.Worker t2 = workers.start("t2", () -> hold(b, c, allHold));
      Workers.Worker t3 = workers.start("t3", () -> {
        c.acquire();
        try {
          allHold.countDown();
          allHold.await(10, TimeUnit.SECONDS);
          await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
              .until(() -> parked("t1") && parked("t2"));
          a.acquire();
        } finally {
          c.release();
        }
      });
      DeadlockException e = assertInstanceOf(DeadlockException.class, t3.awaitFailure());
      assertEquals("deadlock: t1 holds A and waits for B; t2 holds B and waits for C; "
          + "t3 holds C and waits for A", e.report().summary());
    }
  }

  private static boolean parked(String name) {
    return Workers.parkedInAcquire(Workers.named(name));
  }

  /** Takes {@code first}, waits until everybody holds their first lock, then takes {@code second}. */
  static void hold(OwnedLock first, OwnedLock second, CountDownLatch allHold)
      throws InterruptedException {
    first.acquire();
    try {
      allHold.countDown();
      allHold.await(10, TimeUnit.SECONDS);
      second.acquire();
      second.release();
    } finally {
      first.release();
    }
  }

  @Test
  void warnReportsTheCycleAndTheThreadsStayDeadlockedUntilInterrupted() throws Exception {
    LockSet locks = set(Policy.WARN);
    OwnedLock a = locks.newLock("A");
    OwnedLock b = locks.newLock("B");
    CountDownLatch bothHold = new CountDownLatch(2);
    try (Workers workers = new Workers()) {
      Workers.Worker w1 = workers.start("worker-1", () -> hold(a, b, bothHold));
      Workers.Worker w2 = workers.start("worker-2", () -> {
        b.acquire();
        try {
          bothHold.countDown();
          w1Parked(bothHold);
          a.acquire();
        } finally {
          b.release();
        }
      });
      await().atMost(Duration.ofSeconds(10)).until(() -> reports.size() == 1);
      assertEquals("deadlock: worker-1 holds A and waits for B; worker-2 holds B and waits for A",
          reports.get(0).summary());
      assertEquals(DeadlockReport.Kind.DEADLOCK, reports.get(0).kind());
      w2.awaitParked();
      w2.thread.interrupt();
      assertInstanceOf(InterruptedException.class, w2.awaitFailure());
      w1.join();
    }
  }

  @Test
  void aTimedWaitNeverThrowsItTimesOut() throws Exception {
    LockSet locks = set(Policy.THROW);
    OwnedLock a = locks.newLock("A");
    OwnedLock b = locks.newLock("B");
    CountDownLatch bothHold = new CountDownLatch(2);
    try (Workers workers = new Workers()) {
      Workers.Worker w1 = workers.start("worker-1", () -> hold(a, b, bothHold));
      Workers.Worker w2 = workers.start("worker-2", () -> {
        b.acquire();
        try {
          bothHold.countDown();
          w1Parked(bothHold);
          assertFalse(a.tryAcquire(Duration.ofMillis(50)));
        } finally {
          b.release();
        }
      });
      w2.join();
      w1.join();
      assertEquals(null, w2.failure.get());
      assertEquals(null, w1.failure.get());
    }
  }

  @Test
  void withoutStacksTheReportSaysSo() throws Exception {
    LockSet locks = LockSet.builder().captureStacks(false).order(Policy.DISABLED).build();
    OwnedLock a = locks.newLock("A");
    a.acquire();
    DeadlockException e = org.junit.jupiter.api.Assertions.assertThrows(DeadlockException.class, a::acquire);
    String me = Thread.currentThread().getName();
    assertEquals("deadlock: " + me + " holds A and waits for A\n  " + me + " acquired A at:\n"
        + "      (not recorded: stacks are captured only by a lock set with captureStacks)",
        e.getMessage());
    a.release();
  }

  @Test
  void waitingForABusyLockIsNotADeadlock() throws Exception {
    LockSet locks = set(Policy.THROW);
    OwnedLock a = locks.newLock("A");
    OwnedLock b = locks.newLock("B");
    CountDownLatch go = new CountDownLatch(1);
    try (Workers workers = new Workers()) {
      // worker-1 holds A and B and waits for nothing: a chain, not a cycle.
      Workers.Worker w1 = workers.start("worker-1", () -> {
        a.acquire();
        b.acquire();
        go.await(10, TimeUnit.SECONDS);
        b.release();
        a.release();
      });
      Workers.Worker w2 = workers.start("worker-2", () -> {
        a.acquire();
        a.release();
      });
      Workers.Worker w3 = workers.start("worker-3", () -> {
        b.acquire();
        b.release();
      });
      w2.awaitParked();
      w3.awaitParked();
      go.countDown();
      for (Workers.Worker w : List.of(w1, w2, w3)) {
        w.join();
        assertEquals(null, w.failure.get());
      }
    }
    assertEquals(List.of(), reports);
  }
}
