package dev.gillab.locks.internal;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * The blocking part of an owned read/write lock: a non-fair {@code ReentrantReadWriteLock} whose
 * readers never wait behind a queued writer.
 *
 * <p>{@code ReentrantReadWriteLock} makes a new reader wait while a writer is first in its queue
 * (fair: while anyone is queued), so that writers are not starved. That makes its readers what
 * lockdep calls <em>non-recursive</em>: a reader can wait for a writer that itself waits for other
 * readers, and two threads reading A then B and B then A deadlock once a writer queues on each.
 * Here a reader takes the read lock with {@code readLock().tryLock()}, which barges past queued
 * writers and fails only while another thread holds the write lock; when it fails, the reader waits
 * on {@link #gate} until a write lock is released and tries again. Readers therefore wait only for
 * a writer that holds the lock (lockdep's recursive read), and a steady stream of readers can keep
 * a writer waiting: the price of that rule. Writers use the write lock as it is, queued in its
 * synchronizer, where the JVM's deadlock finder sees them.
 *
 * <p>No lost wake-up: a reader counts itself in {@link #gateWaiters} before it reads {@link
 * #writeReleases} and tries; a writer, after its outermost unlock, reads the count and, if anybody
 * is counted, bumps the epoch under the gate and signals. Either the reader's try sees the unlock,
 * or the writer sees the count and the reader sees the new epoch.
 */
public final class RwSync extends ReentrantReadWriteLock {
  private static final long serialVersionUID = 1L;

  private final ReentrantLock gate = new ReentrantLock();
  private final Condition writeReleased = gate.newCondition();
  private final AtomicInteger gateWaiters = new AtomicInteger();

  @GuardedBy("gate")
  private long writeReleases;

  public RwSync() {
    super(false);
  }

  /** The thread holding the write lock, or null. */
  public @Nullable Thread writer() {
    return getOwner();
  }

  /** One read attempt that never queues: fails only while another thread holds the write lock. */
  public boolean tryRead() {
    return readLock().tryLock();
  }

  /**
   * Takes the read lock, waiting while another thread holds the write lock, and only then; {@code
   * nanos < 0} waits without a bound. Answers whether the lock was taken (false only when the bound
   * ran out).
   */
  public boolean read(boolean interruptible, long nanos) throws InterruptedException {
    long deadline = nanos < 0 ? 0 : System.nanoTime() + nanos;
    boolean interrupted = false;
    gateWaiters.incrementAndGet();
    try {
      while (true) {
        long seen;
        gate.lock();
        try {
          seen = writeReleases;
        } finally {
          gate.unlock();
        }
        if (readLock().tryLock()) {
          return true;
        }
        gate.lock();
        try {
          while (writeReleases == seen) {
            if (nanos < 0) {
              try {
                writeReleased.await();
              } catch (InterruptedException e) {
                if (interruptible) {
                  throw e;
                }
                interrupted = true;
              }
            } else {
              long left = deadline - System.nanoTime();
              if (left <= 0) {
                return false;
              }
              writeReleased.awaitNanos(left);
            }
          }
        } finally {
          gate.unlock();
        }
      }
    } finally {
      gateWaiters.decrementAndGet();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Releases one write hold and, after the outermost one, lets waiting readers try again. */
  public void unlockWrite() {
    writeLock().unlock();
    if (getWriteHoldCount() == 0 && gateWaiters.get() > 0) {
      gate.lock();
      try {
        writeReleases++;
        writeReleased.signalAll();
      } finally {
        gate.unlock();
      }
    }
  }

  /** As {@code writeLock().tryLock(nanos)}, but converting units here. */
  public boolean tryWrite(long nanos) throws InterruptedException {
    return writeLock().tryLock(nanos, TimeUnit.NANOSECONDS);
  }
}
