package dev.gillab.gil;

import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GilTest {
  private static Thread start(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void acquireAndReleaseTrackTheHolder() {
    Gil gil = Gil.create();
    assertEquals(Optional.empty(), gil.holder());
    gil.acquire();
    assertTrue(gil.isHeldByCurrentThread());
    assertEquals(Optional.of(Thread.currentThread()), gil.holder());
    gil.release();
    assertFalse(gil.isHeldByCurrentThread());
    assertEquals("interval(5ms)", gil.policy().name());
  }

  @Test
  void notReentrantAndOnlyTheHolderReleases() throws Exception {
    Gil gil = Gil.create();
    String me = Thread.currentThread().getName();
    IllegalStateException free = assertThrows(IllegalStateException.class, gil::release);
    assertEquals("GIL released by " + me + ", but it is held by no thread", free.getMessage());
    gil.acquire();
    IllegalStateException again = assertThrows(IllegalStateException.class, gil::acquire);
    assertEquals("the GIL is not reentrant: " + me + " already holds it", again.getMessage());
    AtomicBoolean refused = new AtomicBoolean();
    Thread other =
        start(
            "other",
            () -> {
              try {
                gil.release();
              } catch (IllegalStateException e) {
                refused.set(
                    e.getMessage().equals("GIL released by other, but it is held by " + me));
              }
            });
    other.join(10_000);
    assertTrue(refused.get());
    gil.release();
  }

  @Test
  void tryAcquireGivesUpAfterItsTimeout() throws Exception {
    Gil gil = Gil.create(SwitchingPolicy.interval(Duration.ofMillis(1)));
    gil.acquire();
    AtomicBoolean got = new AtomicBoolean(true);
    Thread t =
        start(
            "waiter",
            () -> {
              try {
                got.set(gil.tryAcquire(Duration.ofMillis(20)));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    t.join(10_000);
    assertFalse(got.get());
    assertTrue(gil.isHeldByCurrentThread());
    assertEquals(0, gil.waiting());
    gil.release();
  }

  /**
   * A timeout too long to count in nanoseconds ({@code Duration.toNanos()} throws for it) is a wait
   * with no end: {@code tryAcquire} takes a free GIL at once, and one another thread holds once
   * that thread lets go, which it does as soon as the caller waits. Under each way of waiting: in
   * line ({@code interval}), spinning first ({@code ioPriority}), under the mutex ({@code ticks}).
   */
  @Test
  void tryAcquireWaitsOutATimeoutTooLongForNanoseconds() {
    Duration endless = Duration.ofSeconds(Long.MAX_VALUE);
    for (SwitchingPolicy policy :
        List.of(
            SwitchingPolicy.interval(Duration.ofHours(1)),
            SwitchingPolicy.ioPriority(Duration.ofHours(1)),
            SwitchingPolicy.ticks())) {
      assertTimeoutPreemptively(
          ofSeconds(30),
          () -> {
            Gil gil = Gil.create(policy);
            assertTrue(gil.tryAcquire(endless), policy.name());
            gil.release();
            CountDownLatch held = new CountDownLatch(1);
            Thread holder =
                start(
                    "holder",
                    () -> {
                      gil.acquire();
                      try {
                        held.countDown();
                        awaitOneWaiter(gil);
                      } finally {
                        gil.release();
                      }
                    });
            assertTrue(held.await(10, TimeUnit.SECONDS));
            assertTrue(gil.tryAcquire(endless), policy.name());
            gil.release();
            holder.join(10_000);
            assertFalse(holder.isAlive());
          },
          policy.name());
    }
  }

  @Test
  void switchNumberCountsHandOversToAnotherThread() throws Exception {
    Gil gil = Gil.create();
    gil.acquire();
    gil.release();
    long first = gil.switchNumber();
    gil.acquire(); // same thread again: no switch
    gil.release();
    assertEquals(first, gil.switchNumber());
    Thread t =
        start(
            "other",
            () -> {
              gil.acquire();
              gil.release();
            });
    t.join(10_000);
    assertEquals(first + 1, gil.switchNumber());
  }

  /**
   * CPython's interval logic, step by step: a waiter waits one interval and sets the drop request;
   * the holder drops at its checkpoint and does not return until the waiter has taken the GIL
   * (forced switching).
   */
  @Test
  void waiterSetsDropRequestAndHolderHandsOverAtCheckpoint() {
    assertTimeoutPreemptively(
        ofSeconds(20),
        () -> {
          Gil gil = Gil.create(SwitchingPolicy.interval(Duration.ofMillis(1)));
          List<String> events = new CopyOnWriteArrayList<>();
          gil.acquire();
          gil.checkpoint(); // nobody asked: a no-op
          assertTrue(gil.isHeldByCurrentThread());
          long before = gil.switchNumber();
          CountDownLatch mayRelease = new CountDownLatch(1);
          Thread waiter =
              start(
                  "waiter",
                  () -> {
                    gil.acquire();
                    events.add("waiter took the GIL");
                    try {
                      mayRelease.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    gil.release();
                  });
          await().atMost(ofSeconds(10)).until(gil::dropRequested);
          Thread releaser =
              start(
                  "releaser",
                  () -> {
                    // Lets the waiter go only once the holder is parked waiting for the switch.
                    await().atMost(ofSeconds(10)).until(() -> events.size() == 1);
                    mayRelease.countDown();
                  });
          gil.checkpoint();
          events.add("holder took it back");
          assertTrue(gil.isHeldByCurrentThread());
          assertEquals(List.of("waiter took the GIL", "holder took it back"), events);
          assertEquals(before + 2, gil.switchNumber());
          assertFalse(gil.dropRequested());
          gil.release();
          waiter.join(10_000);
          releaser.join(10_000);
        });
  }

  /**
   * ioPriority's hand-off when the thread back from IO has stopped spinning and parked: the
   * holder's next check hands it the GIL and wakes it, and the holder, needing no switch wait,
   * takes the GIL back as soon as the IO thread lets go. (The interval is an hour, so no ordinary
   * drop request can happen.)
   */
  @Test
  void ioPriorityHandsOffToAParkedThreadBackFromIo() {
    assertTimeoutPreemptively(
        ofSeconds(20),
        () -> {
          Gil gil = Gil.create(SwitchingPolicy.ioPriority(Duration.ofHours(1)));
          gil.traceEvents(100);
          CountDownLatch inIo = new CountDownLatch(1);
          CountDownLatch ioMayReturn = new CountDownLatch(1);
          AtomicBoolean backFromIo = new AtomicBoolean();
          Thread io =
              start(
                  "io",
                  () -> {
                    gil.acquire();
                    try {
                      gil.allowThreads(
                          () -> {
                            inIo.countDown();
                            boolean ok = ioMayReturn.await(10, TimeUnit.SECONDS);
                            backFromIo.set(true);
                            return ok;
                          });
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    gil.release();
                  });
          assertTrue(inIo.await(10, TimeUnit.SECONDS));
          gil.acquire();
          ioMayReturn.countDown();
          // Spinning shows as RUNNABLE; parked for the hand-off, as TIMED_WAITING.
          await()
              .atMost(ofSeconds(10))
              .until(() -> backFromIo.get() && io.getState() == Thread.State.TIMED_WAITING);
          assertTrue(gil.dropRequested());
          gil.checkpoint();
          assertTrue(gil.isHeldByCurrentThread());
          gil.release();
          io.join(10_000);
          assertFalse(io.isAlive());

          String me = Thread.currentThread().getName();
          List<String> tail =
              gil.events().stream()
                  .dropWhile(e -> e.kind() != GilEvent.Kind.IO_RETAKE)
                  .map(e -> e.kind() + " " + e.threadName())
                  .filter(e -> !e.equals("WAIT " + me)) // when, if at all, is up to the scheduler
                  .toList();
          assertEquals(
              List.of(
                  "IO_RETAKE io",
                  "WAIT io",
                  "DROP_REQUEST io",
                  "FORCED_DROP " + me,
                  "ACQUIRE io",
                  "RELEASE io",
                  "ACQUIRE " + me,
                  "RELEASE " + me),
              tail);
        });
  }

  /** One round of a test that {@link #inTwoHundredRounds} repeats on one GIL. */
  private interface Round {
    void run(Gil gil, int round) throws Exception;
  }

  /**
   * Runs {@code round} 200 times, within 60 s, on one GIL whose interval is an hour, so no waiter
   * asks for it: every switch is a release's hand-over.
   */
  private static void inTwoHundredRounds(Round round) {
    assertTimeoutPreemptively(
        ofSeconds(60),
        () -> {
          Gil gil = Gil.create(SwitchingPolicy.interval(Duration.ofHours(1)));
          for (int i = 0; i < 200; i++) {
            round.run(gil, i);
          }
        });
  }

  /**
   * Starts a thread that takes the GIL, which the caller holds, keeps it until {@code letGo} opens
   * (at most 10 s) and lets go; returns once the thread waits for the GIL.
   */
  private static Thread waitingHolder(Gil gil, CountDownLatch letGo) {
    Thread waiter =
        start(
            "waiter",
            () -> {
              gil.acquire();
              try {
                letGo.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              gil.release();
            });
    awaitOneWaiter(gil);
    return waiter;
  }

  /** Returns once one thread waits for {@code gil}, polling every millisecond for at most 10 s. */
  private static void awaitOneWaiter(Gil gil) {
    await()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(1))
        .atMost(ofSeconds(10))
        .until(() -> gil.waiting() == 1);
  }

  /**
   * The convoy's cause, as CPython shows it: a thread waiting for the GIL when its holder blocks in
   * IO gets it, and the holder, back from IO, waits behind it. Under {@code interval} the release
   * hands the GIL to the waiter at once, so the IO thread cannot take it back in the microseconds
   * the waiter needs to wake up: 200 rounds, the GIL the waiter's in every one.
   */
  @Test
  void underIntervalAReleaseHandsTheGilToTheThreadWaitingForIt() {
    inTwoHundredRounds(
        (gil, round) -> {
          gil.acquire();
          CountDownLatch seen = new CountDownLatch(1);
          Thread waiter = waitingHolder(gil, seen); // holds it until the IO thread looked
          Optional<Thread> holderDuringIo =
              gil.allowThreads(
                  () -> {
                    Optional<Thread> h = gil.holder();
                    seen.countDown();
                    return h;
                  });
          assertEquals(Optional.of(waiter), holderDuringIo, "round " + round);
          assertTrue(gil.isHeldByCurrentThread());
          gil.release();
          waiter.join(10_000);
          assertFalse(waiter.isAlive());
        });
  }

  /**
   * A hand-over is a switch the moment the releaser makes it, not when the new holder wakes up
   * (tens of microseconds later). A forced dropper starts its own wait in line right after the
   * hand-over; if the switch were counted late, that wait would see a turn pass in its first
   * interval and ask only after a second one: two intervals per switch instead of one. So the
   * switch must be counted before {@code release()} returns, in every one of 200 rounds.
   */
  @Test
  void aHandOverCountsItsSwitchBeforeTheReleaserGoesOn() {
    inTwoHundredRounds(
        (gil, round) -> {
          gil.acquire();
          CountDownLatch looked = new CountDownLatch(1);
          Thread waiter = waitingHolder(gil, looked);
          long before = gil.switchNumber();
          gil.release(); // hands the GIL to the waiter, which may not have run yet
          long after = gil.switchNumber();
          looked.countDown();
          waiter.join(10_000);
          assertFalse(waiter.isAlive());
          assertEquals(before + 1, after, "round " + round);
        });
  }

  @Test
  void allowThreadsRunsTheCallWithoutTheGil() throws Exception {
    Gil gil = Gil.create();
    gil.acquire();
    AtomicBoolean otherRan = new AtomicBoolean();
    boolean heldInside =
        gil.allowThreads(
            () -> {
              Thread t =
                  start(
                      "other",
                      () -> {
                        gil.acquire();
                        otherRan.set(true);
                        gil.release();
                      });
              t.join(10_000);
              return gil.isHeldByCurrentThread();
            });
    assertFalse(heldInside);
    assertTrue(otherRan.get());
    assertTrue(gil.isHeldByCurrentThread());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                gil.allowThreads(
                    () -> {
                      throw new IllegalStateException("boom");
                    }));
    assertEquals("boom", e.getMessage());
    assertTrue(gil.isHeldByCurrentThread(), "taken back even when the call throws");
    gil.release();
  }

  @Test
  void policyRejectsNonPositiveIntervals() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SwitchingPolicy.interval(Duration.ZERO));
    assertEquals("interval must be positive: PT0S", e.getMessage());
    assertEquals("interval(250us)", SwitchingPolicy.interval(Duration.ofNanos(250_000)).name());
  }
}
