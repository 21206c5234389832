package dev.gillab.locks.internal;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The locks one thread holds, in acquisition order (a re-entry is pushed again). Confined to
 * its thread (kept in a {@code ThreadLocal}); not thread-safe.
 */
public final class HeldLocks {
  private LockCore[] locks = new LockCore[8];
  private int size;

  @Nullable LockCore top() {
    return size == 0 ? null : locks[size - 1];
  }

  void push(LockCore lock) {
    if (size == locks.length) {
      locks = Arrays.copyOf(locks, size * 2);
    }
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
        locks[--size] = null;
        return;
      }
    }
  }

  public int size() {
    return size;
  }
}
