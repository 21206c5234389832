package dev.gillab.refcount;

import dev.gillab.refcount.internal.DebugRecord;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CountStrategy#BIASED} object (PEP 703). Thread-safe.
 *
 * <p>Two counts: {@code local}, changed only by the owner (the allocating thread) with plain
 * stores, and {@code shared}, changed by everyone else with atomics. The true count is their sum,
 * so {@code shared} may go negative (a reference the owner counted, released elsewhere).
 *
 * <p>{@code shared} packs the shared count (above {@link #COUNT_SHIFT}) with three flags: {@code
 * MERGED} (the owner's local count was folded in; from then on everybody uses the shared count),
 * {@code QUEUED} (a non-owner took the shared count below zero and asked the owner to merge) and
 * {@code FREED}. The object can only be freed after a merge, and the flag is set by one successful
 * compare-and-set, so it is freed exactly once.
 *
 * <p>Merges: the owner merges when its local count hits zero, and when it processes its queue
 * ({@link Heap#mergeBiasedCounts()}); a non-owner merges on the owner's behalf when it finds the
 * owner thread ended ({@code !isAlive()} makes the owner's last writes visible).
 *
 * <p>Until the merge, a non-owner's {@code decRef} that takes the true count below zero cannot be
 * refused: it sees only {@code shared}, which may be negative legitimately, and cannot read the
 * owner's {@code local} reliably. The merge finds the total below zero, frees the object and
 * reports an {@link OverRelease} to the heap.
 */
final class BiasedObject<T> extends HeapObject<T> {
  private static final long FREED = 1;
  private static final long MERGED = 2;
  private static final long QUEUED = 4;
  private static final int COUNT_SHIFT = 3;
  private static final long ONE = 1L << COUNT_SHIFT;
  private static final VarHandle SHARED;

  static {
    try {
      SHARED = MethodHandles.lookup().findVarHandle(BiasedObject.class, "shared", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final Thread owner;
  // Written only by the owner while it lives (or, once it has ended, by the one merger).
  private int local = 1;

  /**
   * The owner until the merge, then null: one compare with the current thread tells the owner's
   * local path, where a separate "merged" flag would cost a second load and branch per count.
   */
  private @Nullable Thread localOwner;

  @SuppressWarnings("unused") // accessed through SHARED
  private volatile long shared;

  BiasedObject(Heap heap, long id, T value, @Nullable Extras extras) {
    super(heap, id, value, extras);
    this.owner = Thread.currentThread();
    this.localOwner = owner;
  }

  @Override
  public CountStrategy strategy() {
    return CountStrategy.BIASED;
  }

  @Override
  public int refCount() {
    long s = (long) SHARED.getVolatile(this);
    if ((s & FREED) != 0) {
      return 0;
    }
    // A non-owner's read of local may be stale: the count is a snapshot either way.
    long total = (s >> COUNT_SHIFT) + ((s & MERGED) != 0 ? 0 : local);
    return (int) Math.max(0, total);
  }

  @Override
  public boolean isFreed() {
    return ((long) SHARED.getVolatile(this) & FREED) != 0;
  }

  @Override
  public void incRef() {
    if (Thread.currentThread() == localOwner) {
      if (local >= MAX_REF_COUNT) {
        throw overflow(refCount());
      }
      local++; // unmerged means local >= 1, so the object cannot be freed
      DebugRecord debug = debug();
      if (debug != null) {
        debug.record("incRef (local)", refCount());
      }
      return;
    }
    long before = (long) SHARED.getAndAdd(this, ONE);
    if ((before & FREED) != 0) { // FREED sticks: the add revives nothing
      throw useAfterFree(change(+1));
    }
    if ((before >> COUNT_SHIFT) >= MAX_REF_COUNT
        || ((before & MERGED) == 0 && (before >> COUNT_SHIFT) + local >= MAX_REF_COUNT)) {
      // Either part at the maximum: take the add back and refuse it, so the total (at most
      // twice the maximum, read racily by non-owners) never wraps an int.
      SHARED.getAndAdd(this, -ONE);
      throw overflow(refCount());
    }
    DebugRecord debug = debug();
    if (debug != null) {
      debug.record("incRef (shared)", refCount());
    }
  }

  @Override
  public boolean decRef() {
    if (Thread.currentThread() == localOwner) {
      int next = --local;
      DebugRecord debug = debug();
      if (debug != null) {
        debug.record("decRef (local)", refCount());
      }
      return next == 0 && merge();
    }
    while (true) {
      long s = (long) SHARED.getVolatile(this);
      if ((s & FREED) != 0) {
        throw doubleFree(change(-1));
      }
      long count = (s >> COUNT_SHIFT) - 1;
      boolean merged = (s & MERGED) != 0;
      long next = s - ONE;
      boolean frees = merged && count == 0;
      boolean queues = !merged && count < 0 && (s & QUEUED) == 0;
      if (frees) {
        next |= FREED;
      }
      if (queues) {
        next |= QUEUED;
      }
      if (SHARED.compareAndSet(this, s, next)) {
        DebugRecord debug = debug();
        if (debug != null) {
          debug.record("decRef (shared)", frees ? 0 : refCount());
        }
        if (frees) {
          release();
          return true;
        }
        if (queues) {
          return heap().queueForOwner(this);
        }
        return false;
      }
    }
  }

  /** Whether the owner's local count is still apart from the shared one. */
  boolean isUnmerged() {
    return localOwner != null;
  }

  /**
   * Folds the local count into the shared one; frees the object when the total is zero. Run by the
   * owner, or by one thread on behalf of an owner that has ended.
   *
   * @return whether this merge freed the object
   */
  boolean merge() {
    if (localOwner == null) {
      return false;
    }
    localOwner = null;
    long add = local;
    local = 0;
    while (true) {
      long s = (long) SHARED.getVolatile(this);
      long total = (s >> COUNT_SHIFT) + add;
      long next = (total << COUNT_SHIFT) | MERGED | (s & QUEUED);
      if (total <= 0) {
        next = MERGED | FREED | (s & QUEUED);
      }
      if (SHARED.compareAndSet(this, s, next)) {
        DebugRecord debug = debug();
        if (debug != null) {
          debug.record("merge", (int) Math.max(0, total));
        }
        if (total > 0) {
          return false;
        }
        release();
        if (total < 0) {
          // A non-owner released a reference it did not hold. Its decRef could not tell (it
          // sees only the shared count) and it has happened: report it, do not throw here,
          // in whichever thread merges.
          heap().overReleased(this, -total);
        }
        return true;
      }
    }
  }

  @Override
  void setCountForTest(int n) {
    if (localOwner == null) {
      SHARED.setVolatile(this, ((long) n << COUNT_SHIFT) | MERGED);
    } else {
      local = n;
    }
  }
}
