package dev.gillab.locks.internal;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The locks one thread holds, in acquisition order (a re-entry is pushed again). Each entry
 * says whether it was <em>ordered</em>: taken by a blocking acquisition that was not a
 * re-entry, and so itself reached by lock-order edges from every lock held before it. A {@code
 * tryAcquire} or a re-entry is not ordered: nothing leads to it, so the locks taken after it
 * need an edge from it and from the ordered entry below it (see {@link OrderGraph#check}). Nor
 * is a read: the locks below it reach it by a recursive read, which no strong path leaves by a
 * shared hold, so they need edges of their own too.
 *
 * <p>Not thread-safe: only its {@link #owner} reads or changes the stack. Other threads may see
 * the object (a lock remembers its last holder's record, see {@link LockCore#holderStack}) but
 * read only {@link #owner}, which is final and therefore safe to read through a race.
 */
public final class HeldLocks {
  /** The one thread whose locks these are. */
  final Thread owner;

  private LockCore[] locks = new LockCore[8];
  private boolean[] ordered = new boolean[8];
  private int size;

  HeldLocks(Thread owner) {
    this.owner = owner;
  }

  /** The lock at {@code i} from the bottom (0 = taken first); {@code i < size()}. */
  LockCore at(int i) {
    return locks[i];
  }

  /** Whether the entry at {@code i} was taken by a blocking acquisition, not a re-entry. */
  boolean ordered(int i) {
    return ordered[i];
  }

  void push(LockCore lock, boolean isOrdered) {
    if (size == locks.length) {
      locks = Arrays.copyOf(locks, size * 2);
      ordered = Arrays.copyOf(ordered, size * 2);
    }
    ordered[size] = isOrdered;
    locks[size++] = lock;
  }

  /** Removes the latest entry of {@code lock}; locks may be released in any order. */
  void remove(LockCore lock) {
    if (size > 0 && locks[size - 1] == lock) { // the usual case: released last taken first
      locks[--size] = null;
      return;
    }
    for (int i = size - 2; i >= 0; i--) {
      if (locks[i] == lock) {
        System.arraycopy(locks, i + 1, locks, i, size - i - 1);
        System.arraycopy(ordered, i + 1, ordered, i, size - i - 1);
        locks[--size] = null;
        return;
      }
    }
  }

  public int size() {
    return size;
  }
}
