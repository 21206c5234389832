package dev.gillab.locks.lessons;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounded waits for the lessons, which must end by themselves: a wait that runs out interrupts what
 * it waited for and throws {@code IllegalStateException("... did not finish in 10 s")} instead of
 * hanging (and silently changing the output). Stateless, so thread-safe.
 */
final class Bounded {
  static final Duration LIMIT = Duration.ofSeconds(10);

  private Bounded() {}

  interface Body {
    void run() throws Exception;
  }

  /**
   * A started thread running {@code body}; if the body throws, "name failed: exception" is added to
   * {@code failures}, for the lesson to print (a worker dying on stderr while the lesson prints its
   * usual lines would hide the failure).
   */
  static Thread start(String name, Body body, List<String> failures) {
    Thread t =
        new Thread(
            () -> {
              try {
                body.run();
              } catch (Exception | Error e) {
                failures.add(name + " failed: " + e);
              }
            },
            name);
    t.start();
    return t;
  }

  /** Joins every thread within {@link #LIMIT} in all; interrupts and names those still running. */
  static void join(Thread... threads) throws InterruptedException {
    join(List.of(threads));
  }

  static void join(List<Thread> threads) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    List<String> late = new ArrayList<>();
    for (Thread t : threads) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      if (t.isAlive()) {
        late.add(t.getName());
      }
    }
    if (!late.isEmpty()) {
      for (Thread t : threads) {
        t.interrupt();
      }
      for (Thread t : threads) {
        t.join(LIMIT.toMillis());
      }
      throw new IllegalStateException(String.join(", ", late) + " did not finish in 10 s");
    }
  }

  /** Awaits {@code latch} within {@link #LIMIT}; {@code what} names it in the failure. */
  static void await(CountDownLatch latch, String what) throws InterruptedException {
    if (!latch.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(what + " did not happen in 10 s");
    }
  }

  /** Awaits {@code barrier} within {@link #LIMIT}; {@code what} names it in the failure. */
  static void await(CyclicBarrier barrier, String what) throws InterruptedException {
    try {
      barrier.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | BrokenBarrierException e) {
      throw new IllegalStateException(what + " did not happen in 10 s", e);
    }
  }

  /**
   * Waits (at most {@link #LIMIT}) until {@code t} is parked with a frame of a class whose name
   * starts with {@code inClass} on its stack: it waits inside that lock, not at some latch.
   */
  static void awaitParked(Thread t, String inClass) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!parkedIn(t, inClass)) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(t.getName() + " did not park in " + inClass + " in 10 s");
      }
      Thread.sleep(1); // polls a thread's state; nothing is handed over by this sleep
    }
  }

  private static boolean parkedIn(Thread t, String inClass) {
    return t.getState() == Thread.State.WAITING
        && java.util.Arrays.stream(t.getStackTrace())
            .anyMatch(f -> f.getClassName().startsWith(inClass));
  }
}
