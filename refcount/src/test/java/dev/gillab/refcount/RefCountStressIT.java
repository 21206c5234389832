package dev.gillab.refcount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bounded stress: real threads sharing a handful of objects, each taking and dropping
 * references at random and using the objects in between, then letting go of everything.
 * ATOMIC and BIASED must end with every object freed exactly once and nothing thrown; PLAIN
 * without a lock goes wrong, and the heap's detectors must say so.
 */
class RefCountStressIT {
  private static final int THREADS = 4;
  private static final int OBJECTS = 8;
  private static final int OPS_PER_THREAD = 100_000;
  private static final Duration BOUND = Duration.ofSeconds(30);

  /** What one round left behind. */
  record Round(Heap heap, List<HeapObject<Integer>> objects, List<Throwable> errors) {}

  private static Round round(CountStrategy strategy, long seed) throws InterruptedException {
    Heap heap = Heap.builder().strategy(strategy).debug(strategy == CountStrategy.PLAIN).build();
    List<HeapObject<Integer>> objects = new ArrayList<>();
    for (int i = 0; i < OBJECTS; i++) {
      HeapObject<Integer> o = heap.allocate(i);
      for (int t = 0; t < THREADS; t++) {
        o.incRef(); // one reference per worker, handed over before it starts
      }
      objects.add(o);
    }
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      SplittableRandom random = new SplittableRandom(seed + t);
      Thread w = new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < OPS_PER_THREAD; i++) {
            HeapObject<Integer> o = objects.get(random.nextInt(OBJECTS));
            o.incRef();
            o.value();
            o.decRef();
          }
          for (HeapObject<Integer> o : objects) {
            o.decRef();
          }
          heap.mergeBiasedCounts();
        } catch (Throwable e) {
          errors.add(e);
        }
      }, "stress-" + t);
      workers.add(w);
      w.start();
    }
    start.countDown();
    for (Thread w : workers) {
      w.join(BOUND.toMillis());
    }
    for (HeapObject<Integer> o : objects) {
      try {
        o.decRef(); // main's own reference
      } catch (IllegalRefCountException e) {
        errors.add(e);
      }
    }
    heap.mergeBiasedCounts();
    return new Round(heap, objects, new ArrayList<>(errors));
  }

  @Test
  void atomicCountsEndWithEverythingFreedAndNoError() {
    assertTimeoutPreemptively(BOUND, () -> {
      Round r = round(CountStrategy.ATOMIC, 1);
      assertEquals(List.of(), r.errors());
      assertTrue(r.objects().stream().allMatch(HeapObject::isFreed));
      assertEquals(new HeapStats(OBJECTS, OBJECTS, 0, OBJECTS, 0), r.heap().stats());
    });
  }

  @Test
  void biasedCountsEndWithEverythingFreedAndNoError() {
    assertTimeoutPreemptively(BOUND, () -> {
      Round r = round(CountStrategy.BIASED, 2);
      assertEquals(List.of(), r.errors());
      assertTrue(r.objects().stream().allMatch(HeapObject::isFreed));
      assertEquals(new HeapStats(OBJECTS, OBJECTS, 0, OBJECTS, 0), r.heap().stats());
    });
  }

  @Test
  void plainCountsWithoutALockGoWrongAndTheHeapSaysSo() {
    assertTimeoutPreemptively(BOUND, () -> {
      int reported = 0;
      for (int round = 0; round < 20 && reported == 0; round++) {
        Round r = round(CountStrategy.PLAIN, 100 + round);
        for (Throwable e : r.errors()) {
          // Whatever went wrong surfaced as the heap's own diagnosis, never as something else.
          assertTrue(e instanceof IllegalRefCountException, () -> "unexpected " + e);
        }
        // A lost decrement leaves objects alive: the leak report names them.
        boolean leakReported = !r.heap().leaks().isEmpty();
        if (!r.errors().isEmpty() || leakReported) {
          reported++;
        }
      }
      assertTrue(reported > 0, "20 rounds of racing PLAIN counts and nothing went wrong");
    });
  }
}
