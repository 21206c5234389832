package dev.gillab.locks.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What the detectors need to know about one lock: its name, its stable id, its synchronizer,
 * its node in the lock-order graph, and where its current holder took it.
 *
 * <p>{@link #acquiredAt} is written only by the holder right after it acquired the lock and
 * cleared before it releases; other threads read it only for a thread that is registered as a
 * waiter (whose holdings cannot change while it waits), under the registry lock it passed
 * through. No lock of its own is needed.
 */
public final class LockCore {
  private static final AtomicLong IDS = new AtomicLong();

  public final String name;
  public final long id = IDS.incrementAndGet();
  public final boolean reentrant;
  public final Sync sync;
  public final @Nullable OrderNode orderNode;

  /**
   * The holder's stack of held locks, kept here at acquisition so that release needs no
   * thread-local lookup. Read and written only by the holder (read before it releases).
   */
  public @Nullable HeldLocks holderStack;

  /** Stack of the holder's first (outermost) acquisition; null when not recorded. */
  public @Nullable Throwable acquiredAt;

  public LockCore(String name, boolean reentrant, @Nullable OrderNode orderNode) {
    this.name = name;
    this.reentrant = reentrant;
    this.sync = new Sync(name, reentrant);
    this.orderNode = orderNode;
  }

  @Override
  public String toString() {
    return name;
  }
}
