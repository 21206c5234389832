package dev.gillab.gil;

import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ioPriority's loan: a thread back from IO borrows the GIL from the holder whose forced drop handed
 * it over, and gives it back to that holder when it lets go, ahead of the line; borrowing and
 * giving back are not turns, so a CPU-bound waiter still gets its turn. Counted from the event ring
 * and the counters, never timed: every wait is bounded, no assertion reads a clock.
 */
class IoPriorityHandBackTest {
  private static final Duration BOUND = ofSeconds(60);

  /**
   * Long enough that no CPU-bound waiter ever asks: every drop request is a thread back from IO.
   */
  private static final Duration NO_TURNS = Duration.ofHours(1);

  private static Thread start(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void join(Thread... threads) throws InterruptedException {
    for (Thread t : threads) {
      t.join(BOUND.toMillis());
      assertFalse(t.isAlive(), t.getName() + " did not finish");
    }
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      assertTrue(latch.await(BOUND.toSeconds(), TimeUnit.SECONDS), "a latch was not counted down");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * An io-priority GIL whose interval is an hour, so every drop request is a thread back from IO,
   * tracing its last {@code events} events.
   */
  private static Gil tracedGilWithNoTurns(int events) {
    Gil gil = Gil.create(SwitchingPolicy.ioPriority(NO_TURNS));
    gil.traceEvents(events);
    return gil;
  }

  /** A thread that takes the GIL, calls into IO, and comes back from it when told to. */
  private static final class IoCall {
    private final CountDownLatch inIo = new CountDownLatch(1);
    private final CountDownLatch back = new CountDownLatch(1);
    final Thread thread;

    /**
     * Starts thread {@code name} and returns once it is in its IO call. Back from it (asking for
     * the GIL again), the thread runs {@code thenHolding}, which ends by releasing the GIL.
     */
    IoCall(Gil gil, String name, Runnable thenHolding) {
      thread =
          start(
              name,
              () -> {
                gil.acquire();
                gil.allowThreads(
                    () -> {
                      inIo.countDown();
                      awaitLatch(back);
                      return null;
                    });
                thenHolding.run();
              });
      awaitLatch(inIo);
    }

    /** Ends the IO call: the thread comes back and asks for the GIL. */
    void comeBack() {
      back.countDown();
    }
  }

  /** Waits, polling every millisecond, until {@code condition} holds; fails after {@code BOUND}. */
  private static void pollUntil(Callable<Boolean> condition) {
    await().atMost(BOUND).pollInterval(Duration.ofMillis(1)).until(condition);
  }

  /** A CPU-bound thread: takes the GIL and runs eval-breaker checks until told to stop. */
  private static Runnable cpuBound(Gil gil, AtomicBoolean stop, Runnable afterEachCheck) {
    return () -> {
      gil.acquire();
      while (!stop.get()) {
        gil.checkpoint();
        afterEachCheck.run();
      }
      gil.release();
    };
  }

  /** A hold of one thread's, from the ACQUIRE that began it to the drop that ended it. */
  record Hold(
      String thread,
      int acquire,
      GilEvent.Kind handedBy,
      String handedByThread,
      boolean backFromIo,
      GilEvent.Kind endedBy,
      String nextHolder) {}

  /**
   * The holds of {@code thread} in a complete ring: what drop handed the GIL over (and by whom),
   * whether the thread had come back from IO, what drop ended the hold and who took the GIL next
   * ({@code null} when nobody did).
   */
  static List<Hold> holdsOf(List<GilEvent> events, String thread) {
    List<Hold> holds = new ArrayList<>();
    GilEvent lastDrop = null;
    boolean backFromIo = false;
    for (int i = 0; i < events.size(); i++) {
      GilEvent e = events.get(i);
      if (e.threadName().equals(thread) && e.kind() == GilEvent.Kind.IO_RETAKE) {
        backFromIo = true;
      }
      if (e.kind() == GilEvent.Kind.ACQUIRE && e.threadName().equals(thread)) {
        int end = nextDrop(events, i + 1);
        int next = end < 0 ? -1 : nextOf(events, GilEvent.Kind.ACQUIRE, end + 1);
        holds.add(
            new Hold(
                thread,
                i,
                lastDrop == null ? null : lastDrop.kind(),
                lastDrop == null ? null : lastDrop.threadName(),
                backFromIo,
                end < 0 ? null : events.get(end).kind(),
                next < 0 ? null : events.get(next).threadName()));
        backFromIo = false;
      }
      if (isDrop(e.kind())) {
        lastDrop = e;
      }
    }
    return holds;
  }

  private static boolean isDrop(GilEvent.Kind k) {
    return k == GilEvent.Kind.RELEASE
        || k == GilEvent.Kind.FORCED_DROP
        || k == GilEvent.Kind.TICK
        || k == GilEvent.Kind.IO_RELEASE;
  }

  private static int nextDrop(List<GilEvent> events, int from) {
    for (int i = from; i < events.size(); i++) {
      if (isDrop(events.get(i).kind())) {
        return i;
      }
    }
    return -1;
  }

  private static int nextOf(List<GilEvent> events, GilEvent.Kind kind, int from) {
    for (int i = from; i < events.size(); i++) {
      if (events.get(i).kind() == kind) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The counters agree with the timeline: per thread, acquisitions, forced drops and IO releases
   * are its ACQUIRE, FORCED_DROP and IO_RELEASE events, and the switches are the ACQUIREs by a
   * thread other than the one before (the GIL traced from its creation, so the first counts).
   */
  static void assertStatsMatchEvents(GilStats stats, List<GilEvent> events) {
    assertEquals(0, events.get(0).sequence(), "the ring overflowed");
    Map<String, long[]> counted = new HashMap<>();
    long switches = 0;
    String previous = null;
    for (GilEvent e : events) {
      long[] n = counted.computeIfAbsent(e.threadName(), k -> new long[3]);
      switch (e.kind()) {
        case ACQUIRE -> {
          n[0]++;
          if (!e.threadName().equals(previous)) {
            switches++;
          }
          previous = e.threadName();
        }
        case FORCED_DROP -> n[1]++;
        case IO_RELEASE -> n[2]++;
        default -> {}
      }
    }
    assertEquals(switches, stats.switches(), stats.table());
    for (GilThreadStats t : stats.threads()) {
      long[] n = counted.getOrDefault(t.threadName(), new long[3]);
      String what = t.threadName() + " in " + stats.table();
      assertEquals(n[0], t.acquisitions(), what);
      assertEquals(n[1], t.forcedDrops(), what);
      assertEquals(n[2], t.ioReleases(), what);
    }
  }

  /**
   * Two CPU-bound threads and an IO thread that blocks briefly, 200 times. Every return from IO
   * finds the GIL held by a CPU-bound thread (the other waits in line), asks, and is handed the GIL
   * by that thread's forced drop; when the IO thread lets go again the GIL goes back to that same
   * thread, ahead of the one at the head of the line, in every one of the 200 round trips. (Before
   * the loan it went to the head of the line, the other CPU-bound thread, parked there, in every
   * one.)
   */
  @Test
  void everyReturnFromIoGivesTheGilBackToTheHolderWhoseForcedDropHandedItOver() {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          int roundTrips = 200;
          Gil gil = tracedGilWithNoTurns(100_000);
          AtomicBoolean stop = new AtomicBoolean();
          CountDownLatch ioHolds = new CountDownLatch(1);
          List<Thread> cpu = new CopyOnWriteArrayList<>();
          Thread io =
              start(
                  "io",
                  () -> {
                    gil.acquire();
                    ioHolds.countDown();
                    // The first call waits until one CPU-bound thread holds the GIL and the other
                    // waits in line, so that every return from IO finds both there.
                    gil.allowThreads(
                        () -> {
                          pollUntil(
                              () ->
                                  gil.waiting() == 1
                                      && gil.holder().map(cpu::contains).orElse(false));
                          return null;
                        });
                    for (int i = 0; i < roundTrips; i++) {
                      gil.allowThreads(
                          () -> {
                            LockSupport.parkNanos(10_000);
                            return null;
                          });
                    }
                    gil.release();
                  });
          awaitLatch(ioHolds);
          cpu.add(start("cpu-a", cpuBound(gil, stop, () -> {})));
          cpu.add(start("cpu-b", cpuBound(gil, stop, () -> {})));
          join(io);
          stop.set(true);
          join(cpu.toArray(Thread[]::new));

          List<GilEvent> events = gil.events();
          Events.assertOneHolderAtATime(events);
          List<Hold> borrowed =
              holdsOf(events, "io").stream()
                  .filter(h -> h.backFromIo() && h.handedBy() == GilEvent.Kind.FORCED_DROP)
                  .toList();
          // The first call's return too: every one of them found the GIL held.
          assertEquals(
              roundTrips + 1, borrowed.size(), "returns from IO handed over by a forced drop");
          for (Hold h : borrowed) {
            assertTrue(
                h.endedBy() == GilEvent.Kind.IO_RELEASE || h.endedBy() == GilEvent.Kind.RELEASE,
                h.toString());
            assertEquals(
                h.handedByThread(),
                h.nextHolder(),
                () ->
                    "after "
                        + h.endedBy()
                        + " of the hold at event "
                        + h.acquire()
                        + ", the GIL went to "
                        + h.nextHolder()
                        + ", not back to its lender "
                        + h.handedByThread()
                        + ": "
                        + events.subList(
                            Math.max(0, h.acquire() - 8),
                            Math.min(events.size(), h.acquire() + 8)));
          }
          assertStatsMatchEvents(gil.stats(), events);
        });
  }

  /**
   * No starvation: beside an IO thread that round-trips without pause, the two CPU-bound threads
   * still take turns, each at least 5 times while it goes on. The loans do not count as turns: were
   * they counted as switches by the waiter's rule ("a whole interval with no switch"), the thread
   * waiting in line would ask only when no round trip happened for a whole interval, and the holder
   * would keep the GIL for as long as the IO thread kept coming back. The interval, 100 ms, is much
   * longer than a round trip even on a busy machine, so that such a gap does not come; the turns
   * take about a second.
   */
  @Test
  void cpuBoundThreadsStillTakeTurnsBesideAnIoThread() {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          int turns = 5;
          Gil gil = Gil.create(SwitchingPolicy.ioPriority(Duration.ofMillis(100)));
          AtomicBoolean stopCpu = new AtomicBoolean();
          AtomicBoolean stopIo = new AtomicBoolean();
          AtomicReference<Thread> lastCpu = new AtomicReference<>(); // written under the GIL
          Map<String, AtomicLong> turnsOf =
              Map.of("cpu-a", new AtomicLong(), "cpu-b", new AtomicLong());
          Runnable countTurn =
              () -> {
                Thread me = Thread.currentThread();
                if (lastCpu.get() != me) {
                  lastCpu.set(me);
                  turnsOf.get(me.getName()).incrementAndGet();
                }
              };
          Thread a = start("cpu-a", cpuBound(gil, stopCpu, countTurn));
          Thread b = start("cpu-b", cpuBound(gil, stopCpu, countTurn));
          await().atMost(BOUND).until(() -> turnsOf.values().stream().allMatch(n -> n.get() >= 1));
          AtomicInteger roundTrips = new AtomicInteger();
          Thread io =
              start(
                  "io",
                  () -> {
                    gil.acquire();
                    while (!stopIo.get()) {
                      gil.allowThreads(
                          () -> {
                            LockSupport.parkNanos(10_000);
                            return null;
                          });
                      roundTrips.incrementAndGet();
                    }
                    gil.release();
                  });
          await().atMost(BOUND).until(() -> roundTrips.get() >= 1);
          long a0 = turnsOf.get("cpu-a").get();
          long b0 = turnsOf.get("cpu-b").get();
          int trips0 = roundTrips.get();
          int trips;
          try {
            await()
                .atMost(ofSeconds(30))
                .pollInterval(Duration.ofMillis(1))
                .failFast("the IO thread stopped", () -> !io.isAlive())
                .until(
                    () ->
                        turnsOf.get("cpu-a").get() - a0 >= turns
                            && turnsOf.get("cpu-b").get() - b0 >= turns);
          } catch (ConditionTimeoutException e) {
            fail(
                "turns beside "
                    + (roundTrips.get() - trips0)
                    + " round trips: cpu-a "
                    + (turnsOf.get("cpu-a").get() - a0)
                    + ", cpu-b "
                    + (turnsOf.get("cpu-b").get() - b0));
          } finally {
            trips = roundTrips.get() - trips0;
            stopIo.set(true);
            join(io);
            stopCpu.set(true);
            join(a, b);
          }
          assertTrue(trips >= turns, "the IO thread went on meanwhile: " + trips + " round trips");
          assertTrue(gil.stats().thread("io").orElseThrow().ioReleases() >= trips);
        });
  }

  /**
   * Two threads back from IO, step by step. main holds the GIL and a waiter is in line; io-1 comes
   * back and borrows the GIL at main's check; io-2 comes back and asks while io-1 holds it. Nested
   * ({@code nested}): io-1's check lends the GIL to io-2 in turn; io-2's release gives it back to
   * io-1 and io-1's to main, each loan repaid to its own lender, the last first. Passed on: io-1
   * releases the GIL, io-2 takes it over with io-1's loan, and io-2's release gives it back to
   * main. Never to the waiter, at the head of the line all along, until main lets go. (The interval
   * is an hour, so every drop request is a thread back from IO.)
   */
  @ParameterizedTest(name = "nested={0}")
  @ValueSource(booleans = {true, false})
  void loansAreRepaidToTheirLendersAheadOfTheLine(boolean nested) {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          Gil gil = tracedGilWithNoTurns(1_000);
          CountDownLatch io1Holds = new CountDownLatch(1);
          IoCall io1 =
              new IoCall(
                  gil,
                  "io-1",
                  () -> {
                    io1Holds.countDown();
                    // io-2 comes back now and asks.
                    pollUntil(gil::dropRequested);
                    if (nested) {
                      gil.checkpoint();
                    }
                    gil.release();
                  });
          IoCall io2 = new IoCall(gil, "io-2", gil::release);
          Thread releaser =
              start(
                  "releaser",
                  () -> {
                    awaitLatch(io1Holds);
                    io2.comeBack();
                  });
          gil.acquire();
          Thread waiter =
              start(
                  "waiter",
                  () -> {
                    gil.acquire();
                    gil.release();
                  });
          pollUntil(() -> gil.waiting() == 1);
          io1.comeBack();
          pollUntil(gil::dropRequested);
          gil.checkpoint();
          assertTrue(gil.isHeldByCurrentThread());
          gil.release();
          join(io1.thread, io2.thread, releaser, waiter);

          String me = Thread.currentThread().getName();
          List<String> tail =
              gil.events().stream()
                  .dropWhile(e -> e.kind() != GilEvent.Kind.IO_RETAKE)
                  .filter(e -> e.kind() != GilEvent.Kind.WAIT) // when, is up to the scheduler
                  .map(e -> e.kind() + " " + e.threadName())
                  .toList();
          List<String> expected = new ArrayList<>();
          expected.addAll(
              List.of(
                  "IO_RETAKE io-1",
                  "DROP_REQUEST io-1",
                  "FORCED_DROP " + me,
                  "ACQUIRE io-1",
                  "IO_RETAKE io-2",
                  "DROP_REQUEST io-2"));
          if (nested) {
            expected.addAll(
                List.of(
                    "FORCED_DROP io-1",
                    "ACQUIRE io-2",
                    "RELEASE io-2",
                    "ACQUIRE io-1",
                    "RELEASE io-1"));
          } else {
            expected.addAll(List.of("RELEASE io-1", "ACQUIRE io-2", "RELEASE io-2"));
          }
          expected.addAll(
              List.of("ACQUIRE " + me, "RELEASE " + me, "ACQUIRE waiter", "RELEASE waiter"));
          assertEquals(expected, tail);
          Events.assertOneHolderAtATime(gil.events());
          assertStatsMatchEvents(gil.stats(), gil.events());
          assertEquals(0, gil.waiting());
        });
  }

  /**
   * The lender gives nothing up by being interrupted while its loan is out: it waits on (a forced
   * drop's wait is not interruptible), gets the GIL back and keeps the interrupt. A waiter in line
   * ahead of it that gives up meanwhile ({@code tryAcquire} timing out) is never handed the GIL.
   */
  @Test
  void anInterruptedLenderStillGetsTheGilBackAndAWaiterThatGaveUpNever() {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          Gil gil = tracedGilWithNoTurns(1_000);
          CountDownLatch borrowed = new CountDownLatch(1);
          CountDownLatch mayRelease = new CountDownLatch(1);
          CountDownLatch lenderHolds = new CountDownLatch(1);
          AtomicBoolean lenderInterrupted = new AtomicBoolean();
          AtomicBoolean lenderHeldAfter = new AtomicBoolean();
          AtomicBoolean waiterGot = new AtomicBoolean(true);
          IoCall io =
              new IoCall(
                  gil,
                  "io",
                  () -> {
                    borrowed.countDown();
                    awaitLatch(mayRelease);
                    gil.release();
                  });
          Thread lender =
              start(
                  "lender",
                  () -> {
                    gil.acquire();
                    lenderHolds.countDown();
                    pollUntil(gil::dropRequested);
                    gil.checkpoint();
                    lenderInterrupted.set(Thread.currentThread().isInterrupted());
                    lenderHeldAfter.set(gil.isHeldByCurrentThread());
                    gil.release();
                  });
          awaitLatch(lenderHolds);
          Thread waiter =
              start(
                  "waiter",
                  () -> {
                    try {
                      // Long enough for the poll below to see it in line on a starved machine;
                      // it times out all the same, as io holds the GIL until mayRelease.
                      waiterGot.set(gil.tryAcquire(Duration.ofSeconds(2)));
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
          pollUntil(() -> gil.waiting() == 1);
          io.comeBack(); // io comes back, asks, and the lender's check lends it the GIL
          awaitLatch(borrowed);
          lender.interrupt();
          join(waiter); // timed out in line while io held the GIL
          assertFalse(waiterGot.get());
          mayRelease.countDown();
          join(io.thread, lender);
          assertTrue(lenderInterrupted.get(), "the lender kept its interrupt");
          assertTrue(lenderHeldAfter.get());

          List<GilEvent> events = gil.events();
          Events.assertOneHolderAtATime(events);
          List<Hold> ioHolds = holdsOf(events, "io");
          Hold loan = ioHolds.get(ioHolds.size() - 1);
          assertEquals(GilEvent.Kind.FORCED_DROP, loan.handedBy(), loan.toString());
          assertEquals("lender", loan.handedByThread(), loan.toString());
          assertEquals("lender", loan.nextHolder(), loan.toString());
          assertTrue(
              events.stream()
                  .noneMatch(
                      e -> e.kind() == GilEvent.Kind.ACQUIRE && e.threadName().equals("waiter")));
          assertStatsMatchEvents(gil.stats(), events);
          assertEquals(0, gil.waiting());
        });
  }
}
