package dev.gillab.locks.internal;

import java.util.Arrays;

/**
 * The locks one thread holds, in acquisition order (a re-entry is pushed again). Each entry says
 * whether it was <em>ordered</em>: taken by a blocking acquisition that was not a re-entry, and so
 * itself reached by lock-order edges from every lock held before it. A {@code tryAcquire} or a
 * re-entry is not ordered: nothing leads to it, so the locks taken after it need an edge from it
 * and from the ordered entry below it (see {@link OrderGraph#check}). Nor is a read: the locks
 * below it reach it by a recursive read, which no strong path leaves by a shared hold, so they need
 * edges of their own too.
 *
 * <p>Every acquisition with order checking pushes and every release pops, so both write as little
 * as they can. The flags of the lowest 64 entries are the bits of one {@code long} in this object,
 * so a push writes no second array; deeper entries, which real programs hardly reach, keep theirs
 * in an array made when first needed. A pop leaves its slot as it was: a thread that takes the same
 * locks again pushes each where it already is and writes no reference (a reference store is the
 * costly one, with the collector's barriers). The price is that a slot above the top keeps a
 * released lock reachable until a push overwrites it: a thread keeps at most as many released locks
 * as it once held at one time.
 *
 * <p>Not thread-safe: only its {@link #owner} reads or changes the stack. Other threads may see the
 * object (a lock remembers its last holder's record, see {@link LockCore#holderStack}) but read
 * only {@link #owner}, which is final and therefore safe to read through a race.
 */
public final class HeldLocks {
  /** How many entries keep their flag in {@link #orderedBits}. */
  private static final int BITS = Long.SIZE;

  /** The one thread whose locks these are. */
  final Thread owner;

  private LockCore[] locks = new LockCore[8];

  /** Bit {@code i}: whether the entry at {@code i < BITS} is ordered. */
  private long orderedBits;

  /** At {@code i - BITS}: whether the entry at {@code i >= BITS} is ordered; empty until needed. */
  private boolean[] deepOrdered = new boolean[0];

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
    return i < BITS ? (orderedBits & (1L << i)) != 0 : deepOrdered[i - BITS];
  }

  void push(LockCore lock, boolean isOrdered) {
    int i = size;
    if (i == locks.length) {
      grow();
    }
    if (locks[i] != lock) { // usually there already, from the last time this depth was used
      locks[i] = lock;
    }
    setOrdered(i, isOrdered);
    size = i + 1;
  }

  /** Removes the latest entry of {@code lock}; locks may be released in any order. */
  void remove(LockCore lock) {
    int top = size - 1;
    if (top >= 0 && locks[top] == lock) { // the usual case: released last taken first
      size = top; // the slot keeps the lock, for the next push of it (see the class comment)
      return;
    }
    removeBelowTop(lock);
  }

  public int size() {
    return size;
  }

  private void setOrdered(int i, boolean isOrdered) {
    if (i < BITS) {
      long bit = 1L << i;
      orderedBits = isOrdered ? orderedBits | bit : orderedBits & ~bit;
    } else {
      deepOrdered[i - BITS] = isOrdered;
    }
  }

  /** Out of line, so that the push the JIT inlines into every acquisition stays small. */
  private void grow() {
    locks = Arrays.copyOf(locks, locks.length * 2);
    if (locks.length > BITS) {
      deepOrdered = Arrays.copyOf(deepOrdered, locks.length - BITS);
    }
  }

  /** A release out of order: shifts the entries above the latest one of {@code lock} down. */
  private void removeBelowTop(LockCore lock) {
    for (int i = size - 2; i >= 0; i--) {
      if (locks[i] == lock) {
        for (int j = i; j < size - 1; j++) {
          locks[j] = locks[j + 1];
          setOrdered(j, ordered(j + 1));
        }
        size--;
        return;
      }
    }
  }
}
