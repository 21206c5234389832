package dev.gillab.locks;

import java.util.Locale;

/**
 * One thread nesting two locks: the outer one held while the inner one is taken and let go.
 * That is how a lock-order edge is made, and the order tests make hundreds, so the nesting is
 * written once here. The acquisitions are made in this class's own methods, so a report's stack
 * for an edge starts at {@code Nesting.nest} (or {@code Nesting.take} for a read/write lock).
 */
final class Nesting {
  private Nesting() {}

  /** How a nesting takes a read/write lock; named as reports name the side, "read" or "write". */
  enum Mode {
    READ,
    WRITE;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Holds {@code outer} while {@code inner} is taken and released: the edge outer -> inner. */
  static void nest(OwnedLock outer, OwnedLock inner) throws InterruptedException {
    outer.acquire();
    try {
      inner.acquire();
      inner.release();
    } finally {
      outer.release();
    }
  }

  /** The same for read/write locks, each taken on the side its mode names. */
  static void nest(OwnedReadWriteLock outer, Mode outerMode, OwnedReadWriteLock inner,
      Mode innerMode) throws InterruptedException {
    take(outer, outerMode);
    try {
      take(inner, innerMode);
      drop(inner, innerMode);
    } finally {
      drop(outer, outerMode);
    }
  }

  static void take(OwnedReadWriteLock lock, Mode mode) throws InterruptedException {
    if (mode == Mode.READ) {
      lock.acquireRead();
    } else {
      lock.acquireWrite();
    }
  }

  static void drop(OwnedReadWriteLock lock, Mode mode) {
    if (mode == Mode.READ) {
      lock.releaseRead();
    } else {
      lock.releaseWrite();
    }
  }
}
