package dev.gillab.gil;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.errorprone.annotations.ThreadSafe;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Global Interpreter Lock: the one lock a thread must hold to run bytecode or allocate on its
 * interpreter's heap.
 *
 * <h2>Design</h2>
 *
 * The GIL is not reentrant and is owned: only the holder may release it. Taking a free GIL is a
 * single compare-and-set on the holder field, so the uncontended path costs what an uncontended
 * {@code ReentrantLock} costs. A thread that finds it taken parks on a condition and, as CPython's
 * {@code take_gil} does, waits one switch interval at a time: when an interval passes with no
 * switch, it sets the <em>drop request</em>. The holder looks at the request only at eval-breaker
 * checks ({@link #checkpoint()}: backward jumps and calls in the eval loop); there it releases the
 * GIL, and under forced switching waits until another thread has taken it before it queues up
 * again. The {@link SwitchingPolicy} supplies the interval and whether switching is forced.
 *
 * <p>{@link #switchNumber()} counts hand-overs to a <em>different</em> thread, as CPython's {@code
 * gil->switch_number} does; a thread that takes the GIL back after IO without anyone else holding
 * it in between is no switch.
 *
 * <h2>Memory</h2>
 *
 * Release writes the holder field (volatile) before it reads the waiter count; a waiter
 * increments the count before it tries the compare-and-set. One of the two therefore sees the
 * other, so a release never misses a parked waiter. Everything a holder wrote is visible to the
 * next holder (the holder field is the hand-over point), which is why interpreter objects guarded
 * by the GIL need no synchronization of their own.
 *
 * <p>Thread-safe: every method may be called from any thread; {@link #release()} and {@link
 * #checkpoint()} only by the holder.
 */
@ThreadSafe
public final class Gil {
  private final SwitchingPolicy policy;
  private final long dropRequestDelayNanos;
  private final boolean forcedSwitching;

  private final AtomicReference<Thread> holder = new AtomicReference<>();
  /** The eval breaker: set by a waiter that waited one interval, cleared by the next taker. */
  private volatile boolean dropRequest;
  /** Written only by the holder, right after taking the GIL. */
  private volatile Thread lastHolder;
  /** Written only by the holder, right after taking the GIL. */
  private volatile long switchNumber;

  /** Parks waiters and droppers; never held while running bytecode. */
  private final ReentrantLock mutex = new ReentrantLock();

  private final Condition released = mutex.newCondition();
  private final Condition switched = mutex.newCondition();
  private final AtomicInteger waiters = new AtomicInteger();
  private final AtomicInteger droppersWaiting = new AtomicInteger();

  private Gil(SwitchingPolicy policy) {
    this.policy = policy;
    this.dropRequestDelayNanos = policy.dropRequestDelayNanos();
    this.forcedSwitching = policy.forcedSwitching();
  }

  /** A free GIL run by {@code policy}. */
  public static Gil create(SwitchingPolicy policy) {
    checkNotNull(policy, "policy");
    return new Gil(policy);
  }

  /** A free GIL with the default {@link SwitchingPolicy#interval()} policy. */
  public static Gil create() {
    return new Gil(SwitchingPolicy.interval());
  }

  public SwitchingPolicy policy() {
    return policy;
  }

  /**
   * Takes the GIL, waiting as long as it takes (like CPython's {@code take_gil}, not
   * interruptible: an interrupt that arrives meanwhile is kept in the thread's interrupt flag).
   *
   * @throws IllegalStateException if the calling thread already holds it (the GIL is not
   *     reentrant)
   */
  public void acquire() {
    Thread me = Thread.currentThread();
    if (!holder.compareAndSet(null, me)) {
      checkNotHeldBy(me);
      boolean interrupted = false;
      while (true) {
        try {
          waitFor(me, Long.MAX_VALUE);
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        me.interrupt();
      }
    }
    taken(me);
  }

  /**
   * Takes the GIL if it can within {@code timeout}. While it waits it behaves as {@link
   * #acquire()} does, so it may set the drop request after a whole interval.
   *
   * @return whether the calling thread now holds the GIL
   */
  public boolean tryAcquire(Duration timeout) throws InterruptedException {
    checkNotNull(timeout, "timeout");
    Thread me = Thread.currentThread();
    if (!holder.compareAndSet(null, me)) {
      checkNotHeldBy(me);
      long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
      if (!waitFor(me, deadline)) {
        return false;
      }
    }
    taken(me);
    return true;
  }

  /**
   * Releases the GIL and wakes one waiter.
   *
   * @throws IllegalStateException if the calling thread does not hold it
   */
  public void release() {
    Thread me = Thread.currentThread();
    Thread h = holder.get();
    checkState(
        h == me,
        "GIL released by %s, but it is held by %s",
        me.getName(),
        h == null ? "no thread" : h.getName());
    drop();
  }

  /**
   * The eval-breaker check: if another thread asked for the GIL, let go of it, wait for the
   * switch (under forced switching) and take it again. Costs one volatile read when nobody asked.
   * Only the holder may call it.
   */
  public void checkpoint() {
    if (dropRequest) {
      yieldOnRequest();
    }
  }

  /** Whether a waiter has asked the holder to drop the GIL (the eval breaker is set). */
  public boolean dropRequested() {
    return dropRequest;
  }

  /**
   * Runs {@code call} with the GIL released, then takes it back — CPython's {@code
   * Py_BEGIN_ALLOW_THREADS} / {@code Py_END_ALLOW_THREADS} around a blocking call. The call must
   * not touch interpreter objects. The GIL is taken back even when the call throws. Unlike a
   * drop on request, letting go here does not wait for another thread to take the GIL: the call
   * is about to block anyway.
   */
  public <T, X extends Exception> T allowThreads(BlockingCall<T, X> call) throws X {
    checkNotNull(call, "call");
    release();
    try {
      return call.call();
    } finally {
      acquire();
    }
  }

  public boolean isHeldByCurrentThread() {
    return holder.get() == Thread.currentThread();
  }

  /** The thread holding the GIL right now, if any (a snapshot: it may change at once). */
  public Optional<Thread> holder() {
    return Optional.ofNullable(holder.get());
  }

  /** How many times the GIL passed to a thread other than its previous holder. */
  public long switchNumber() {
    return switchNumber;
  }

  /** How many threads are parked waiting for the GIL right now (a snapshot). */
  public int waiting() {
    return waiters.get();
  }

  @Override
  public String toString() {
    Thread h = holder.get();
    return "Gil{" + policy.name() + ", holder=" + (h == null ? "none" : h.getName())
        + ", switches=" + switchNumber + "}";
  }

  private void checkNotHeldBy(Thread me) {
    checkState(holder.get() != me, "the GIL is not reentrant: %s already holds it", me.getName());
  }

  /** Bookkeeping of a new holder; runs with the GIL held. */
  @SuppressWarnings("NonAtomicVolatileUpdate") // single writer: only the holder updates it
  private void taken(Thread me) {
    if (lastHolder != me) {
      lastHolder = me;
      switchNumber++; // single writer: the holder
      if (droppersWaiting.get() > 0) {
        signalSwitched();
      }
    }
    if (dropRequest) {
      // The request was for the previous holder; this one gets a full interval.
      dropRequest = false;
    }
  }

  private void drop() {
    holder.set(null);
    if (waiters.get() > 0) {
      mutex.lock();
      try {
        released.signal();
      } finally {
        mutex.unlock();
      }
    }
  }

  private void yieldOnRequest() {
    Thread me = Thread.currentThread();
    checkState(holder.get() == me, "checkpoint by %s, which does not hold the GIL", me.getName());
    drop();
    if (forcedSwitching) {
      awaitSwitch(me);
    }
    acquire();
  }

  /** Forced switching: after dropping on request, wait until another thread has taken the GIL. */
  private void awaitSwitch(Thread me) {
    mutex.lock();
    try {
      droppersWaiting.incrementAndGet();
      try {
        while (lastHolder == me && waiters.get() > 0) {
          switched.awaitUninterruptibly();
        }
      } finally {
        droppersWaiting.decrementAndGet();
      }
    } finally {
      mutex.unlock();
    }
  }

  private void signalSwitched() {
    mutex.lock();
    try {
      switched.signalAll();
    } finally {
      mutex.unlock();
    }
  }

  /**
   * The slow path of taking the GIL: wait one drop-request delay at a time, and ask the holder to
   * drop when a whole delay passed with no switch. Returns with the GIL held, or false when the
   * deadline passed.
   */
  private boolean waitFor(Thread me, long deadline) throws InterruptedException {
    mutex.lock();
    try {
      waiters.incrementAndGet();
      try {
        while (!holder.compareAndSet(null, me)) {
          long slice = dropRequestDelayNanos;
          if (deadline != Long.MAX_VALUE) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
              return false;
            }
            slice = Math.min(slice, left);
          }
          long switchBefore = switchNumber;
          boolean timedOut = released.awaitNanos(slice) <= 0;
          if (timedOut
              && slice == dropRequestDelayNanos
              && holder.get() != null
              && switchNumber == switchBefore) {
            dropRequest = true;
          }
        }
        return true;
      } finally {
        waiters.decrementAndGet();
        if (droppersWaiting.get() > 0) {
          // A dropper waits only while someone waits; tell it the count changed.
          switched.signalAll();
        }
      }
    } finally {
      mutex.unlock();
    }
  }
}
