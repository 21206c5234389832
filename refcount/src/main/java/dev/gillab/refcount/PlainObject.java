package dev.gillab.refcount;

import dev.gillab.refcount.internal.DebugRecord;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CountStrategy#PLAIN} object: {@code count} is a plain field and every change is a
 * separate read and write ({@link #readCount}, {@link #writeCount}), exactly the two halves the
 * race lessons interleave. Not thread-safe: the outside lock (the GIL) makes it correct. The write
 * half re-checks the stored count, so a write that lands on an object freed since its read is
 * caught as use-after-free (or double free) instead of reviving it. A heap with {@link
 * CountChanges} makes {@link RoutedPlainObject}s, whose changes go there.
 */
sealed class PlainObject<T> extends HeapObject<T> permits RoutedPlainObject {
  // Guarded by the caller's outside lock (the GIL); Error Prone cannot name it.
  private int count = 1;

  PlainObject(Heap heap, long id, T value, @Nullable Extras extras) {
    super(heap, id, value, extras);
  }

  @Override
  public CountStrategy strategy() {
    return CountStrategy.PLAIN;
  }

  @Override
  public int refCount() {
    return count;
  }

  @Override
  public boolean isFreed() {
    return count == 0;
  }

  @Override
  public void incRef() {
    writeCount(readCount(), +1);
  }

  @Override
  public boolean decRef() {
    return writeCount(readCount(), -1);
  }

  /** The first half of a change: {@code tmp = count}. */
  final int readCount() {
    return count;
  }

  /** The second half: {@code count = read + delta}; frees the object when that is zero. */
  final boolean writeCount(int read, int delta) {
    if (count == 0) { // freed since (or before) the read: never revive, never free twice
      throw delta > 0 ? useAfterFree(change(delta)) : doubleFree(change(delta));
    }
    if (delta > 0 && read > MAX_REF_COUNT - delta) {
      throw overflow(read);
    }
    int next = read + delta;
    if (next < 0) {
      throw doubleFree(change(delta));
    }
    count = next;
    DebugRecord debug = debug();
    if (debug != null) {
      debug.record(delta > 0 ? "incRef" : "decRef", next);
    }
    if (next == 0) {
      release();
      return true;
    }
    return false;
  }

  @Override
  void setCountForTest(int n) {
    count = n;
  }
}
