package dev.gillab.locks.internal;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import org.jspecify.annotations.Nullable;

/**
 * The blocking part of an owned lock: an exclusive AQS synchronizer whose state is the hold count.
 * The owner is AQS's own exclusive-owner field, so {@code ThreadMXBean} sees a thread parked here
 * as waiting for an ownable synchronizer owned by the holder, exactly as it sees a {@code
 * ReentrantLock}; that is what lets the watchdog find deadlocks on unchecked locks.
 *
 * <p>The owner field is plain (as in {@code ReentrantLock}): it is written by the holder and
 * published by the volatile state write that follows. Readers other than the holder (the wait-for
 * walk) read it under the registry lock, which the holder passed through when it registered as a
 * waiter, so the value they see for a registered waiter is current.
 */
public final class Sync extends AbstractQueuedSynchronizer {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final boolean reentrant;

  public Sync(String name, boolean reentrant) {
    this.name = name;
    this.reentrant = reentrant;
  }

  @Override
  protected boolean tryAcquire(int ignored) {
    return tryLockHolds() > 0;
  }

  /**
   * One attempt without queueing; answers the caller's hold count after it (1 for a first hold,
   * more for a re-entry), or 0 when the lock is another thread's (or, non-reentrant, already the
   * caller's). Saves the acquirer a second look at the state to tell a re-entry.
   */
  public int tryLockHolds() {
    Thread me = Thread.currentThread();
    int holds = getState();
    if (holds == 0) {
      if (compareAndSetState(0, 1)) {
        setExclusiveOwnerThread(me);
        return 1;
      }
      return 0;
    }
    if (reentrant && getExclusiveOwnerThread() == me) {
      if (holds == Integer.MAX_VALUE) {
        throw new Error("lock '" + name + "': maximum hold count exceeded");
      }
      setState(holds + 1);
      return holds + 1;
    }
    return 0;
  }

  /**
   * {@link #tryLockHolds()} for the first attempt of an acquisition that will wait if it fails: the
   * compare-and-set comes at once, without reading the state first, as in {@code
   * ReentrantLock.lock()}. That saves the uncontended case a read; the look-first form stays for
   * {@code tryAcquire} and queued waiters, who may ask again and again while the lock is held, and
   * whose failing compare-and-set would take the cache line from the holder each time.
   */
  public int lockAttemptHolds() {
    if (compareAndSetState(0, 1)) {
      setExclusiveOwnerThread(Thread.currentThread());
      return 1;
    }
    return tryLockHolds(); // held: a re-entry, or another thread's
  }

  @Override
  protected boolean tryRelease(int ignored) {
    Thread me = Thread.currentThread();
    Thread owner = getExclusiveOwnerThread();
    if (owner != me) {
      throw new IllegalMonitorStateException(
          owner == null || getState() == 0
              ? me.getName() + " cannot release lock '" + name + "': it is not held"
              : me.getName()
                  + " cannot release lock '"
                  + name
                  + "': it is held by "
                  + owner.getName());
    }
    int holds = getState() - 1;
    if (holds == 0) {
      setExclusiveOwnerThread(null);
    }
    setState(holds);
    return holds == 0;
  }

  @Override
  protected boolean isHeldExclusively() {
    return getExclusiveOwnerThread() == Thread.currentThread();
  }

  public void lockInterruptibly() throws InterruptedException {
    acquireInterruptibly(1);
  }

  public boolean tryLock(long nanos) throws InterruptedException {
    return tryAcquireNanos(1, nanos);
  }

  public void lockUninterruptibly() {
    acquire(1);
  }

  public void unlock() {
    release(1);
  }

  public boolean heldByCurrentThread() {
    return isHeldExclusively();
  }

  public @Nullable Thread owner() {
    return getState() == 0 ? null : getExclusiveOwnerThread();
  }

  public int holdCount() {
    return isHeldExclusively() ? getState() : 0;
  }

  public boolean isLocked() {
    return getState() != 0;
  }
}
