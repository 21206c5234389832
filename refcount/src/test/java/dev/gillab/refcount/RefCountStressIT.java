package dev.gillab.refcount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real threads sharing counted objects.
 *
 * <p>ATOMIC and BIASED: bounded stress, threads taking and dropping references at random and using
 * the objects in between, then letting go of everything; they must end with every object freed
 * exactly once and nothing thrown.
 *
 * <p>PLAIN without a lock: whether two real threads ever interleave inside a few-nanosecond
 * read-write window is up to the hardware (on one core they never do), so the race is forced
 * instead of hoped for: each thread runs the two halves of its count change ({@link
 * PlainCountSteps}), a barrier makes both read before either writes, and a latch orders the writes.
 * One order loses the increment (the heap catches the use-after-free), the other loses the
 * decrement (the heap reports the leak).
 *
 * <p>Every wait is bounded, and no worker outlives its test: each is stopped, joined with a bound
 * and checked dead, also when the test fails.
 */
class RefCountStressIT {
  private static final int THREADS = 4;
  private static final int OBJECTS = 8;
  private static final int OPS_PER_THREAD = 100_000;
  private static final Duration BOUND = Duration.ofSeconds(30);

  /** A body for a worker thread that may throw. */
  interface Body {
    void run() throws Exception;
  }

  /**
   * Worker threads that never outlive the test: {@link #joinAll} joins each with a bound and fails
   * if one is still running, after raising the stop flag and interrupting them all.
   */
  static final class Workers {
    final AtomicBoolean stop = new AtomicBoolean();
    final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    void start(String name, Body body) {
      Thread t =
          new Thread(
              () -> {
                try {
                  body.run();
                } catch (Throwable e) {
                  errors.add(e);
                }
              },
              name);
      t.setDaemon(true); // belt and braces: never keeps a JVM alive
      threads.add(t);
      t.start();
    }

    void joinAll() throws InterruptedException {
      long deadline = System.nanoTime() + BOUND.toNanos();
      try {
        for (Thread t : threads) {
          t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
      } finally {
        stopAll();
      }
      for (Thread t : threads) {
        assertFalse(t.isAlive(), t.getName() + " did not finish in " + BOUND);
      }
    }

    /** Raises the flag, interrupts every worker and waits a bounded while for each to end. */
    void stopAll() throws InterruptedException {
      stop.set(true);
      for (Thread t : threads) {
        t.interrupt();
      }
      for (Thread t : threads) {
        t.join(5_000);
      }
    }
  }

  /** What one random round left behind. */
  record Round(Heap heap, List<HeapObject<Integer>> objects, List<Throwable> errors) {}

  private static Round randomRound(CountStrategy strategy, long seed) throws InterruptedException {
    Heap heap = Heap.builder().strategy(strategy).build();
    List<HeapObject<Integer>> objects = new ArrayList<>();
    for (int i = 0; i < OBJECTS; i++) {
      HeapObject<Integer> o = heap.allocate(i);
      for (int t = 0; t < THREADS; t++) {
        o.incRef(); // one reference per worker, handed over before it starts
      }
      objects.add(o);
    }
    Workers workers = new Workers();
    CountDownLatch start = new CountDownLatch(1);
    try {
      for (int t = 0; t < THREADS; t++) {
        SplittableRandom random = new SplittableRandom(seed + t);
        workers.start(
            "stress-" + t,
            () -> {
              assertTrue(start.await(BOUND.toMillis(), TimeUnit.MILLISECONDS), "start");
              for (int i = 0; i < OPS_PER_THREAD && !workers.stop.get(); i++) {
                HeapObject<Integer> o = objects.get(random.nextInt(OBJECTS));
                o.incRef();
                o.value();
                o.decRef();
              }
              for (HeapObject<Integer> o : objects) {
                o.decRef();
              }
              heap.mergeBiasedCounts();
            });
      }
      start.countDown();
      workers.joinAll();
    } finally {
      workers.stopAll(); // also when starting or joining failed
    }
    List<Throwable> errors = new ArrayList<>(workers.errors);
    for (HeapObject<Integer> o : objects) {
      try {
        o.decRef(); // main's own reference
      } catch (IllegalRefCountException e) {
        errors.add(e);
      }
    }
    heap.mergeBiasedCounts();
    return new Round(heap, objects, errors);
  }

  @ParameterizedTest
  @CsvSource({"ATOMIC, 1", "BIASED, 2"})
  void safeCountsEndWithEverythingFreedAndNoError(CountStrategy strategy, long seed)
      throws Exception {
    Round r = randomRound(strategy, seed);
    assertEquals(List.of(), r.errors());
    assertTrue(r.objects().stream().allMatch(HeapObject::isFreed));
    assertEquals(new HeapStats(OBJECTS, OBJECTS, 0, OBJECTS, 0), r.heap().stats());
  }

  /**
   * The object the lost-update tests race on: "shared", on a debug PLAIN heap named "plain", with
   * count 2, one reference for T1 and one for T2.
   */
  private static HeapObject<String> heldByTwo() {
    Heap heap = Heap.builder().name("plain").strategy(CountStrategy.PLAIN).debug(true).build();
    HeapObject<String> o = heap.allocate("shared");
    o.incRef();
    return o;
  }

  /** Which of the two racing writes lands first. */
  enum FirstWrite {
    INCREMENT,
    DECREMENT
  }

  /**
   * The order the racing halves keep: both threads read before either writes, and the first writer
   * writes before the second. Every wait is bounded.
   */
  private static final class Halves {
    private final CyclicBarrier bothRead = new CyclicBarrier(2);
    private final CountDownLatch firstWritten = new CountDownLatch(1);
    private final CountDownLatch secondWritten = new CountDownLatch(1);

    /**
     * Changes {@code o}'s count by {@code delta} in halves: reads, waits until the other thread has
     * read too, then writes what it read plus {@code delta} in its turn.
     */
    void change(HeapObject<String> o, int delta, boolean writesFirst) throws Exception {
      int read = PlainCountSteps.read(o);
      bothRead.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
      if (writesFirst) {
        PlainCountSteps.write(o, read, delta);
        firstWritten.countDown();
      } else {
        assertTrue(firstWritten.await(BOUND.toMillis(), TimeUnit.MILLISECONDS), "first write");
        PlainCountSteps.write(o, read, delta);
        secondWritten.countDown();
      }
    }

    void awaitSecondWrite() throws InterruptedException {
      assertTrue(secondWritten.await(BOUND.toMillis(), TimeUnit.MILLISECONDS), "second write");
    }
  }

  /**
   * Two holders of one PLAIN object (count 2), no lock: T1 lets go of its reference while T2 takes
   * a second one, each as a read and a write on its own real thread. Both read 2 before either
   * writes; {@code first}'s write lands first. Afterwards T2 (which holds two references) runs
   * {@code t2After}; anything it throws is returned.
   */
  private static List<Throwable> lostUpdate(
      Heap heap, HeapObject<String> o, FirstWrite first, Body t2After) throws Exception {
    Halves halves = new Halves();
    Workers workers = new Workers();
    try {
      workers.start("T1", () -> halves.change(o, -1, first == FirstWrite.DECREMENT)); // decRef
      workers.start(
          "T2",
          () -> { // incRef, then its own uses
            halves.change(o, +1, first == FirstWrite.INCREMENT);
            halves.awaitSecondWrite();
            t2After.run();
          });
      workers.joinAll();
    } finally {
      workers.stopAll();
    }
    assertEquals(heap, o.heap());
    return new ArrayList<>(workers.errors);
  }

  @Test
  void plainWithoutALockLosesAnIncrementAndTheHeapCatchesTheUseAfterFree() throws Exception {
    HeapObject<String> o = heldByTwo();
    Heap heap = o.heap();
    // T1's write (2 - 1 = 1) overwrites T2's (2 + 1 = 3): T2 holds two references on count 1.
    List<Throwable> errors =
        lostUpdate(
            heap,
            o,
            FirstWrite.INCREMENT,
            () -> {
              assertTrue(
                  o.decRef(), "T2 drops its second reference and frees the object it still holds");
              o.value(); // T2 still holds one: use after free
            });

    assertEquals(1, errors.size(), () -> "expected exactly the use-after-free: " + errors);
    UseAfterFreeException e =
        assertThrows(
            UseAfterFreeException.class,
            () -> {
              throw errors.get(0);
            });
    assertEquals(o.id(), e.objectId());
    assertTrue(
        e.getMessage()
            .startsWith(
                "use after free: object #"
                    + o.id()
                    + " has refCount 0; value() refused; allocated at "
                    + "RefCountStressIT."),
        e.getMessage());
    assertTrue(o.isFreed());
    assertEquals(new HeapStats(1, 1, 0, 1, 0), heap.stats());
  }

  @Test
  void plainWithoutALockLosesADecrementAndTheHeapReportsTheLeak() throws Exception {
    HeapObject<String> o = heldByTwo();
    Heap heap = o.heap();
    // T2's write (2 + 1 = 3) overwrites T1's (2 - 1 = 1): count 3 for T2's two references.
    List<Throwable> errors =
        lostUpdate(
            heap,
            o,
            FirstWrite.DECREMENT,
            () -> {
              assertEquals("shared", o.value());
              assertFalse(o.decRef());
              assertFalse(o.decRef(), "T2 lets go of both references, and the object is not freed");
            });

    assertEquals(List.of(), errors);
    assertFalse(o.isFreed());
    assertEquals(1, o.refCount(), "nobody holds it, yet its count stayed above 0");
    List<Leak> leaks = heap.leaks();
    assertEquals(1, leaks.size(), leaks::toString);
    assertEquals(o.id(), leaks.get(0).objectId());
    assertEquals("String(shared)", leaks.get(0).value());
    assertEquals(1, leaks.get(0).refCount());
    assertTrue(
        leaks.get(0).allocationSite().startsWith("RefCountStressIT."),
        leaks.get(0).allocationSite());
    assertTrue(
        heap.leakReport().startsWith("heap 'plain': 1 object still alive"), heap.leakReport());
  }
}
