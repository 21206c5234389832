package dev.gillab.locks;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Named test threads that record what they threw, with bounded waits for every step. */
final class Workers implements AutoCloseable {
  interface Body {
    void run() throws Exception;
  }

  static final class Worker {
    final Thread thread;
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    volatile boolean failureExpected;

    Worker(String name, Body body) {
      this.thread =
          new Thread(
              () -> {
                try {
                  body.run();
                } catch (Throwable t) {
                  failure.set(t);
                }
              },
              name);
      thread.setDaemon(true);
    }

    /** Waits until the thread is parked inside an acquisition of an owned lock. */
    Worker awaitParked() {
      awaitParkedInAcquire(thread);
      return this;
    }

    /** Waits (bounded) for the thread to end, and asserts that it threw nothing. */
    void awaitSuccess() throws InterruptedException {
      join();
      assertEquals(null, failure.get(), () -> thread.getName() + " failed");
    }

    Throwable awaitFailure() throws InterruptedException {
      failureExpected = true;
      join();
      return failure.get();
    }

    void join() throws InterruptedException {
      thread.join(10_000);
      assertFalse(thread.isAlive(), thread.getName() + " did not end");
    }
  }

  /**
   * A point in a worker's body where it stops until the test lets it go on: the test waits until
   * the worker is there, looks at what it holds, and lets it go.
   */
  static final class Pause {
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch resume = new CountDownLatch(1);

    /** In the worker: says it is here, then waits (bounded) until the test lets it go. */
    void here() throws InterruptedException {
      reached.countDown();
      resume.await(10, TimeUnit.SECONDS);
    }

    /** Waits (bounded) until the worker is here, and asserts that it came. */
    void awaitReached() throws InterruptedException {
      assertTrue(reached.await(10, TimeUnit.SECONDS), "the worker did not reach its pause");
    }

    void letGo() {
      resume.countDown();
    }
  }

  /**
   * Runs {@code body} on one worker named {@code name} and waits (bounded) for it to end; rethrows
   * what it threw.
   */
  static void runAlone(String name, Body body) {
    try (Workers workers = new Workers()) {
      workers.start(name, body);
    }
  }

  /**
   * Runs {@code waiting} on one worker named {@code name}, interrupts it once it is parked in an
   * acquisition of an owned lock, and returns what it threw; every wait is bounded.
   */
  static Throwable interruptOnceParked(String name, Body waiting) throws InterruptedException {
    try (Workers workers = new Workers()) {
      Worker w = workers.start(name, waiting).awaitParked();
      w.thread.interrupt();
      return w.awaitFailure();
    }
  }

  static void awaitParkedInAcquire(Thread t) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(2))
        .until(() -> parkedInAcquire(t));
  }

  static boolean parkedInAcquire(Thread t) {
    Thread.State s = t.getState();
    return (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING)
        && Arrays.stream(t.getStackTrace())
            .anyMatch(
                f ->
                    f.getClassName().equals(OwnedLock.class.getName())
                        || f.getClassName().equals(OwnedReadWriteLock.class.getName()));
  }

  static Thread named(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private final List<Worker> started = new ArrayList<>();

  Worker start(String name, Body body) {
    Worker w = new Worker(name, body);
    started.add(w);
    w.thread.start();
    return w;
  }

  /**
   * Waits (bounded) for every worker; interrupts one that is still running after the bound so that
   * no test leaves a thread behind, and fails then. Rethrows a failure nobody asked for.
   *
   * <p>Declares no {@link InterruptedException}: thrown out of a try-with-resources whose body
   * failed too, it would be tucked away as a suppressed exception and the interrupt lost. So an
   * interrupt while waiting (a test's timeout sends one) interrupts every worker, is kept on the
   * calling thread, and fails the test.
   */
  @Override
  public void close() {
    List<String> stuck = new ArrayList<>();
    try {
      for (Worker w : started) {
        w.thread.join(10_000);
        if (w.thread.isAlive()) {
          stuck.add(w.thread.getName());
          w.thread.interrupt();
          w.thread.join(10_000);
        }
      }
    } catch (InterruptedException e) {
      started.forEach(w -> w.thread.interrupt());
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the workers", e);
    }
    assertEquals(List.of(), stuck, "workers still running after 10 s");
    assertEquals(List.of(), started.stream().filter(w -> w.thread.isAlive()).toList());
    for (Worker w : started) {
      if (!w.failureExpected && w.failure.get() != null) {
        throw new AssertionError(w.thread.getName() + " failed", w.failure.get());
      }
    }
  }
}
