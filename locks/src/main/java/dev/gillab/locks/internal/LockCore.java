package dev.gillab.locks.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What the detectors need to know about one lock: its name, its stable id, its synchronizer,
 * its node in the lock-order graph, and where its current holder took it.
 *
 * <p>{@link #acquiredAt} is written only by the holder right after its outermost acquisition
 * and cleared by the holder before its outermost release; other threads read it only for a thread that is registered as a
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
   * The held-locks record of this lock's current or latest holder, stored at every acquisition
   * and left in place after release. Release reads it (before unlocking) instead of a
   * thread-local; an acquisition reads it first and uses it if its {@link HeldLocks#owner} is
   * the caller, so a thread that takes the same lock again finds its record without a
   * thread-local lookup. Written only by the holder; read by any thread through a race, which
   * is safe because only the final {@code owner} field is trusted before that check.
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
