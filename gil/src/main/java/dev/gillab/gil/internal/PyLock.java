package dev.gillab.gil.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code threading.Lock}: a semaphore of one permit, not a Java lock, because a Python lock has no
 * owner — any thread may release it. A blocking acquire first tries without letting go of the GIL;
 * if the lock is taken it waits with the GIL released ({@code Gil.allowThreads}), or the holder
 * could never run to release it.
 */
public final class PyLock extends PyValue {
  private final Semaphore permit = new Semaphore(1);

  /**
   * Stepping only: the stepped thread that acquired the lock and has not released it, or -1. A
   * Python lock has no owner; this only tells a page who took it.
   */
  int stepHolder = -1;

  PyLock() {
    super(false);
  }

  boolean tryAcquire() {
    return permit.tryAcquire();
  }

  /** Waits for the lock; the caller has released the GIL. {@code timeoutNanos} < 0: forever. */
  boolean acquireBlocking(long timeoutNanos) throws InterruptedException {
    if (timeoutNanos < 0) {
      permit.acquire();
      return true;
    }
    return permit.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Releases the lock. Serialized on this object so that two releasers cannot both see it locked;
   * an acquirer only ever takes the permit away, which cannot make a release wrong.
   */
  synchronized void release() {
    if (permit.availablePermits() > 0) {
      throw new PyException("RuntimeError", "release unlocked lock");
    }
    stepHolder = -1;
    permit.release();
  }

  boolean locked() {
    return permit.availablePermits() == 0;
  }

  @Override
  public String typeName() {
    return "lock";
  }

  @Override
  public String toString() {
    return "<"
        + (locked() ? "locked" : "unlocked")
        + " _thread.lock object at 0x"
        + address().substring(2)
        + ">";
  }
}
