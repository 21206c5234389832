package dev.gillab.locks.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * One way of holding a lock, as the detectors see it: an exclusive lock ({@link ExclusiveCore}), or
 * the read or the write side of a read/write lock ({@link ReadWriteCore}). It knows its name, its
 * stable id (shared by both sides of one read/write lock), its node in the lock-order graph,
 * whether it is held shared, who blocks a thread that waits for it, and where a holder took it.
 *
 * <p>In lockdep's terms a {@linkplain #shared shared} side is held as S and acquired as a recursive
 * read (R): a reader never waits for other readers, only for a writer that holds the lock. Every
 * other side is held exclusively (E) and acquired non-recursively (N).
 */
public abstract class LockCore {
  private static final AtomicLong IDS = new AtomicLong();

  public final String name;
  public final long id;
  public final @Nullable OrderNode orderNode;

  /** Held for reading: S as a holder, R as an acquisition (see the class comment). */
  public final boolean shared;

  /**
   * The held-locks record of this side's current or latest holder, stored at every acquisition and
   * left in place after release. Release reads it (before unlocking) instead of a thread-local; an
   * acquisition reads it first and uses it if its {@link HeldLocks#owner} is the caller, so a
   * thread that takes the same lock again finds its record without a thread-local lookup. Written
   * only by a holder (a read side has several, who overwrite each other's); read by any thread
   * through a race, which is safe because only the final {@code owner} field is trusted before that
   * check.
   */
  public @Nullable HeldLocks holderStack;

  /**
   * The latest lock found on top of an acquirer's held stack, as an ordered entry, with its order
   * edge to this side known: when it is on top again, the order check is one identity compare and
   * one flag read (no walk to the order node and its cache). Read and written by any thread without
   * synchronization, which is safe: an edge once validated stays validated, and only the reference
   * is compared (every field of a lock that the check reads is final).
   */
  @Nullable LockCore orderedAfter;

  LockCore(String name, long id, @Nullable OrderNode orderNode, boolean shared) {
    this.name = name;
    this.id = id;
    this.orderNode = orderNode;
    this.shared = shared;
  }

  /** A fresh lock id, increasing in creation order. */
  static long nextId() {
    return IDS.incrementAndGet();
  }

  /**
   * Whether the calling thread holds this lock in any mode (for a read/write lock: either side).
   */
  public abstract boolean heldByCurrentThread();

  /**
   * Adds the holders that a thread waiting for this side waits for. Called under the wait-for
   * registry's lock; see {@link WaitForGraph} for why the holdings it reads are current for every
   * thread that matters.
   */
  abstract void addBlockers(List<Holder> out);

  /** Where {@code holder} took this side (its outermost hold); null when not recorded. */
  abstract @Nullable Throwable acquiredAt(Thread holder);

  /** How reports name this side: {@code "A"}, or {@code "A (read)"} and {@code "A (write)"}. */
  public String describe() {
    return name;
  }

  /** Whether reports mark the mode: true for both sides of a read/write lock. */
  boolean isReadWrite() {
    return false;
  }

  @Override
  public String toString() {
    return describe();
  }

  /** A thread holding a side of a lock: what a waiter waits for. */
  record Holder(Thread thread, LockCore side) {}
}
