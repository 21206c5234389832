package dev.gillab.locks.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The detectors' view of an exclusive owned lock: its synchronizer and where its holder took it.
 *
 * <p>{@link #acquiredAt} is written only by the holder right after its outermost acquisition and
 * cleared by the holder before its outermost release; other threads read it only for a thread that
 * is registered as a waiter (whose holdings cannot change while it waits), under the registry lock
 * it passed through. No lock of its own is needed.
 */
public final class ExclusiveCore extends LockCore {
  public final boolean reentrant;
  public final Sync sync;

  /** Stack of the holder's first (outermost) acquisition; null when not recorded. */
  public @Nullable Throwable acquiredAt;

  public ExclusiveCore(String name, boolean reentrant, @Nullable OrderNode orderNode) {
    super(name, nextId(), orderNode, false);
    this.reentrant = reentrant;
    this.sync = new Sync(name, reentrant);
  }

  @Override
  public boolean heldByCurrentThread() {
    return sync.heldByCurrentThread();
  }

  @Override
  void addBlockers(List<Holder> out) {
    @Nullable Thread owner = sync.owner();
    if (owner != null) {
      out.add(new Holder(owner, this));
    }
  }

  @Override
  @Nullable Throwable acquiredAt(Thread holder) {
    return acquiredAt;
  }
}
