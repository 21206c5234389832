package dev.gillab.locks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One thread nesting two locks: the outer one held while the inner one is taken. One after the
 * other, nestings make lock-order edges; on two workers at once, in opposite orders, a wait-for
 * cycle. Both kinds of test need them by the dozen, so each is written once here. The acquisitions
 * are made in this class's own methods, so a report's stacks start here (at {@code Nesting.take}
 * for a read/write lock).
 */
final class Nesting {
  private Nesting() {}

  /**
   * A lock set that checks the wait-for graph only (with {@code waitFor}, reporting to {@code
   * listener}), so that the cycles the nestings close are judged by it alone.
   */
  static LockSet checkingWaitForOnly(Policy waitFor, DeadlockListener listener) {
    return LockSet.builder().waitFor(waitFor).order(Policy.DISABLED).listener(listener).build();
  }

  /** How a nesting takes a read/write lock; named as reports name the side, "read" or "write". */
  enum Mode {
    READ,
    WRITE;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Holds {@code outer} while {@code inner} is taken and released: the edge outer -> inner. */
  static void nest(OwnedLock outer, OwnedLock inner) throws InterruptedException {
    outer.acquire();
    try {
      inner.acquire();
      inner.release();
    } finally {
      outer.release();
    }
  }

  /** The same for read/write locks, each taken on the side its mode names. */
  static void nest(
      OwnedReadWriteLock outer, Mode outerMode, OwnedReadWriteLock inner, Mode innerMode)
      throws InterruptedException {
    take(outer, outerMode);
    try {
      take(inner, innerMode);
      drop(inner, innerMode);
    } finally {
      drop(outer, outerMode);
    }
  }

  /** Takes {@code lock} and lets it go at once: a worker that only has to get through it. */
  static void passThrough(OwnedLock lock) throws InterruptedException {
    lock.acquire();
    lock.release();
  }

  /** The same for a read/write lock, taken on the side {@code mode} names. */
  static void passThrough(OwnedReadWriteLock lock, Mode mode) throws InterruptedException {
    take(lock, mode);
    drop(lock, mode);
  }

  static void take(OwnedReadWriteLock lock, Mode mode) throws InterruptedException {
    if (mode == Mode.READ) {
      lock.acquireRead();
    } else {
      lock.acquireWrite();
    }
  }

  static void drop(OwnedReadWriteLock lock, Mode mode) {
    if (mode == Mode.READ) {
      lock.releaseRead();
    } else {
      lock.releaseWrite();
    }
  }

  /**
   * Takes {@code first}, waits (bounded) until every worker holds its first lock, then takes {@code
   * second}: two workers doing this in opposite orders deadlock.
   */
  static void holdThenTake(OwnedLock first, OwnedLock second, CountDownLatch allHold)
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

  /**
   * The worker whose move closes the cycle: takes {@code first}, waits until every worker holds its
   * first lock and the workers named {@code parkedFirst} are parked in an acquisition, then makes
   * {@code move} (its attempt at a lock another worker holds) and releases {@code first}. Waiting
   * for the others to park is what makes this move, and no other, the closing one.
   */
  static void closeTheCycle(
      OwnedLock first, CountDownLatch allHold, Workers.Body move, String... parkedFirst)
      throws Exception {
    first.acquire();
    try {
      allHold.countDown();
      allHold.await(10, TimeUnit.SECONDS);
      awaitParked(parkedFirst);
      move.run();
    } finally {
      first.release();
    }
  }

  /** {@link #holdThenTake} for read/write locks, each taken on the side its mode names. */
  static void holdThenTake(
      OwnedReadWriteLock first,
      Mode firstMode,
      OwnedReadWriteLock second,
      Mode secondMode,
      CountDownLatch allHold)
      throws InterruptedException {
    take(first, firstMode);
    try {
      allHold.countDown();
      assertTrue(allHold.await(10, TimeUnit.SECONDS), "latch");
      take(second, secondMode);
      drop(second, secondMode);
    } finally {
      drop(first, firstMode);
    }
  }

  /**
   * {@link #closeTheCycle} for a read/write lock {@code first}, held on {@code firstMode}'s side.
   */
  static void closeTheCycle(
      OwnedReadWriteLock first,
      Mode firstMode,
      CountDownLatch allHold,
      Workers.Body move,
      String... parkedFirst)
      throws Exception {
    take(first, firstMode);
    try {
      allHold.countDown();
      assertTrue(allHold.await(10, TimeUnit.SECONDS), "latch");
      awaitParked(parkedFirst);
      move.run();
    } finally {
      drop(first, firstMode);
    }
  }

  /** The two workers of a cycle over two locks, in the order they were started. */
  record Pair(Workers.Worker first, Workers.Worker second) {}

  /**
   * Starts worker-1, which holds {@code a} and parks on {@code b}, and worker-2, which holds {@code
   * b} and, once worker-1 is parked, makes {@code move} (its attempt at {@code a}): the move that
   * closes the cycle.
   */
  static Pair closeTheCycleOfTwo(Workers workers, OwnedLock a, OwnedLock b, Workers.Body move) {
    CountDownLatch bothHold = new CountDownLatch(2);
    return new Pair(
        workers.start("worker-1", () -> holdThenTake(a, b, bothHold)),
        workers.start("worker-2", () -> closeTheCycle(b, bothHold, move, "worker-1")));
  }

  /**
   * Starts {@code firstName}, which takes {@code a} then {@code b}, and {@code secondName}, which
   * takes {@code b} then {@code a}: once both hold their first lock, a deadlock.
   */
  static Pair takeInOppositeOrders(
      Workers workers, String firstName, String secondName, OwnedLock a, OwnedLock b) {
    CountDownLatch bothHold = new CountDownLatch(2);
    return new Pair(
        workers.start(firstName, () -> holdThenTake(a, b, bothHold)),
        workers.start(secondName, () -> holdThenTake(b, a, bothHold)));
  }

  private static void awaitParked(String... workers) {
    for (String name : workers) {
      Workers.awaitParkedInAcquire(Workers.named(name));
    }
  }
}
