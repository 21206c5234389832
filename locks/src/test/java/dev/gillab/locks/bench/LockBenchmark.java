package dev.gillab.locks.bench;

import dev.gillab.locks.LockSet;
import dev.gillab.locks.OwnedLock;
import dev.gillab.locks.OwnedReadWriteLock;
import dev.gillab.locks.Policy;
import dev.gillab.locks.PotentialDeadlockException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Uncontended acquire + release, one thread. {@code single*}: one lock. {@code nested*}: take
 * outer, take inner, release both; with order checking that is one "outer -> inner" edge per
 * operation, learned in {@link #learnOrder} and found in the cache on every measured one. Every
 * benchmark does the same work on the JDK side and on ours (an uninterruptible take and a release
 * per lock; a JDK lock is released in a finally block, as its callers must write it, which costs
 * nothing while nothing throws); {@link #checkHonest} fails the run unless every lock ended free
 * and the order checker was really on and refused the reverse order. {@code read*} and {@code
 * write*}: one read (write) acquire + release of a read/write lock, {@code ReentrantReadWriteLock}
 * beside {@link OwnedReadWriteLock} unchecked and with both checks on (wait-for THROW with stacks
 * off, order THROW); nested, the outer lock is an exclusive one, for one "outer -> rw" edge.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LockBenchmark {
  private final ReentrantLock jdkOuter = new ReentrantLock();
  private final ReentrantLock jdkInner = new ReentrantLock();

  private final OwnedLock uncheckedOuter = OwnedLock.create("outer");
  private final OwnedLock uncheckedInner = OwnedLock.create("inner");

  private final LockSet waitForSet =
      LockSet.builder().waitFor(Policy.THROW).order(Policy.DISABLED).captureStacks(false).build();
  private final OwnedLock waitForOuter = waitForSet.newLock("outer");
  private final OwnedLock waitForInner = waitForSet.newLock("inner");

  private final LockSet stacksSet =
      LockSet.builder().waitFor(Policy.THROW).order(Policy.DISABLED).captureStacks(true).build();
  private final OwnedLock stacksLock = stacksSet.newLock("outer");

  private final LockSet orderSet =
      LockSet.builder().waitFor(Policy.DISABLED).order(Policy.THROW).build();
  private final OwnedLock orderOuter = orderSet.newLock("outer");
  private final OwnedLock orderInner = orderSet.newLock("inner");

  private final ReentrantReadWriteLock jdkRw = new ReentrantReadWriteLock();
  private final OwnedReadWriteLock uncheckedRw = OwnedReadWriteLock.create("rw");
  private final LockSet checkedSet =
      LockSet.builder().waitFor(Policy.THROW).order(Policy.THROW).captureStacks(false).build();
  private final OwnedLock checkedOuter = checkedSet.newLock("outer");
  private final OwnedReadWriteLock checkedRw = checkedSet.newReadWriteLock("rw");

  /** The edges are validated once here, so that every measured operation finds them known. */
  @Setup
  public void learnOrder() {
    orderOuter.acquireUninterruptibly();
    orderInner.acquireUninterruptibly();
    orderInner.release();
    orderOuter.release();
    checkedOuter.acquireUninterruptibly();
    checkedRw.acquireReadUninterruptibly();
    checkedRw.releaseRead();
    checkedRw.acquireWriteUninterruptibly();
    checkedRw.releaseWrite();
    checkedOuter.release();
  }

  @TearDown
  public void checkHonest() {
    for (OwnedLock l :
        new OwnedLock[] {
          uncheckedOuter,
          uncheckedInner,
          waitForOuter,
          waitForInner,
          stacksLock,
          orderOuter,
          orderInner
        }) {
      if (l.isLocked()) {
        throw new IllegalStateException(l + " was left held");
      }
    }
    if (jdkOuter.isLocked() || jdkInner.isLocked()) {
      throw new IllegalStateException("a ReentrantLock was left held");
    }
    for (OwnedReadWriteLock l : new OwnedReadWriteLock[] {uncheckedRw, checkedRw}) {
      if (l.isReadLocked() || l.isWriteLocked()) {
        throw new IllegalStateException(l + " was left held");
      }
    }
    if (jdkRw.getReadLockCount() > 0 || jdkRw.isWriteLocked()) {
      throw new IllegalStateException("a ReentrantReadWriteLock was left held");
    }
    if (!refused(checkedRw::acquireWriteUninterruptibly, checkedRw::releaseWrite, checkedOuter)) {
      throw new IllegalStateException("order checking was off: rw -> outer was not refused");
    }
    if (!refused(orderInner::acquireUninterruptibly, orderInner::release, orderOuter)) {
      throw new IllegalStateException("order checking was off: inner -> outer was not refused");
    }
  }

  /**
   * Whether taking {@code then} while holding what {@code take} took is refused as out of order.
   */
  private static boolean refused(Runnable take, Runnable release, OwnedLock then) {
    take.run();
    try {
      then.acquireUninterruptibly();
      then.release();
      return false;
    } catch (PotentialDeadlockException expected) {
      return true;
    } finally {
      release.run();
    }
  }

  @Benchmark
  public void singleReentrantLock() {
    jdkOuter.lock();
    try {
      // nothing held in between: what is measured is the take and the release
    } finally {
      jdkOuter.unlock();
    }
  }

  @Benchmark
  public void singleOwnedUnchecked() {
    uncheckedOuter.acquireUninterruptibly();
    uncheckedOuter.release();
  }

  @Benchmark
  public void singleOwnedWaitFor() {
    waitForOuter.acquireUninterruptibly();
    waitForOuter.release();
  }

  @Benchmark
  public void singleOwnedWaitForWithStacks() {
    stacksLock.acquireUninterruptibly();
    stacksLock.release();
  }

  @Benchmark
  public void singleOwnedOrderChecked() {
    orderOuter.acquireUninterruptibly();
    orderOuter.release();
  }

  @Benchmark
  public void nestedReentrantLock() {
    jdkOuter.lock();
    try {
      jdkInner.lock();
      try {
        // nothing held in between: what is measured is the takes and the releases
      } finally {
        jdkInner.unlock();
      }
    } finally {
      jdkOuter.unlock();
    }
  }

  @Benchmark
  public void nestedOwnedUnchecked() {
    uncheckedOuter.acquireUninterruptibly();
    uncheckedInner.acquireUninterruptibly();
    uncheckedInner.release();
    uncheckedOuter.release();
  }

  @Benchmark
  public void nestedOwnedWaitFor() {
    waitForOuter.acquireUninterruptibly();
    waitForInner.acquireUninterruptibly();
    waitForInner.release();
    waitForOuter.release();
  }

  @Benchmark
  public void nestedOwnedOrderChecked() {
    orderOuter.acquireUninterruptibly();
    orderInner.acquireUninterruptibly();
    orderInner.release();
    orderOuter.release();
  }

  @Benchmark
  public void readReentrantReadWriteLock() {
    jdkRw.readLock().lock();
    try {
      // nothing held in between: what is measured is the take and the release
    } finally {
      jdkRw.readLock().unlock();
    }
  }

  @Benchmark
  public void readOwnedUnchecked() {
    uncheckedRw.acquireReadUninterruptibly();
    uncheckedRw.releaseRead();
  }

  @Benchmark
  public void readOwnedChecked() {
    checkedRw.acquireReadUninterruptibly();
    checkedRw.releaseRead();
  }

  @Benchmark
  public void writeReentrantReadWriteLock() {
    jdkRw.writeLock().lock();
    try {
      // nothing held in between: what is measured is the take and the release
    } finally {
      jdkRw.writeLock().unlock();
    }
  }

  @Benchmark
  public void writeOwnedUnchecked() {
    uncheckedRw.acquireWriteUninterruptibly();
    uncheckedRw.releaseWrite();
  }

  @Benchmark
  public void writeOwnedChecked() {
    checkedRw.acquireWriteUninterruptibly();
    checkedRw.releaseWrite();
  }

  @Benchmark
  public void nestedReadOwnedChecked() {
    checkedOuter.acquireUninterruptibly();
    checkedRw.acquireReadUninterruptibly();
    checkedRw.releaseRead();
    checkedOuter.release();
  }
}
