package dev.gillab.gil.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap's byte budget: an estimate of the bytes its objects take, charged when an object is
 * allocated or a list grows and given back when it is freed. A charge past the budget is refused
 * with CPython's {@code MemoryError} before anything is built, in the thread that asked, so a
 * program that allocates without end ends as a Python error and the JVM never runs out of heap.
 *
 * <h2>The estimate</h2>
 *
 * Per object {@value #OBJECT} bytes (the heap object, the Python value and their headers); a str
 * adds {@value #BYTES_PER_CHAR} per UTF-16 unit (Java may keep it in one byte a char: the estimate
 * errs high); a list or a tuple adds {@value #BYTES_PER_SLOT} per slot, and a list counts its
 * capacity, which grows by half as {@code ArrayList}'s does and never shrinks. Java arrays an
 * operation builds on its way to a result (a copy of a list's items, a str being joined) are
 * checked against the room left ({@link #checkRoom}) before they are built but not charged: they
 * die with the operation.
 *
 * <h2>Threads</h2>
 *
 * As with reference counts: where only the GIL holder allocates and frees ({@code PLAIN} counts
 * under a GIL) the counter is a plain field the GIL guards; otherwise — no GIL, or counts that may
 * be merged outside it ({@code BIASED}) — it is an {@link AtomicLong}, so a charge and its check
 * are one atomic step and two threads cannot both squeeze under the budget.
 */
public abstract class Memory {
  /** Bytes charged per object, whatever it holds. */
  public static final int OBJECT = 64;

  /** Bytes charged per UTF-16 unit of a str. */
  public static final int BYTES_PER_CHAR = 2;

  /** Bytes charged per slot of a list or a tuple (a reference, uncompressed). */
  public static final int BYTES_PER_SLOT = 8;

  private final long max;

  Memory(long max) {
    this.max = max;
  }

  /** A budget of {@code max} bytes; {@code guarded} when the GIL guards every charge and free. */
  public static Memory create(long max, boolean guarded) {
    return guarded ? new Guarded(max) : new Atomic(max);
  }

  /** The budget in bytes. */
  public final long max() {
    return max;
  }

  /** The bytes charged now. */
  public abstract long used();

  /** Charges {@code bytes}, or throws MemoryError (charging nothing) past the budget. */
  abstract void charge(long bytes);

  /** Gives back {@code bytes} charged before. */
  abstract void release(long bytes);

  /** Throws MemoryError unless {@code bytes} more would fit now; charges nothing. */
  final void checkRoom(long bytes) {
    if (bytes > max - used()) {
      throw error();
    }
  }

  /** The bytes a str of {@code chars} UTF-16 units is charged. */
  static long str(long chars) {
    return OBJECT + chars * BYTES_PER_CHAR;
  }

  /** The bytes a list or tuple of {@code slots} slots is charged. */
  static long slots(long slots) {
    return OBJECT + slots * BYTES_PER_SLOT;
  }

  /** CPython's MemoryError: no detail, so the traceback's last line is {@code MemoryError}. */
  static PyException error() {
    return new PyException("MemoryError", "");
  }

  private static final class Guarded extends Memory {
    private long used;

    Guarded(long max) {
      super(max);
    }

    @Override
    public long used() {
      return used;
    }

    @Override
    void charge(long bytes) {
      if (bytes > max() - used) {
        throw error();
      }
      used += bytes;
    }

    @Override
    void release(long bytes) {
      used -= bytes;
    }
  }

  private static final class Atomic extends Memory {
    private final AtomicLong used = new AtomicLong();

    Atomic(long max) {
      super(max);
    }

    @Override
    public long used() {
      return used.get();
    }

    @Override
    void charge(long bytes) {
      if (used.addAndGet(bytes) > max()) {
        used.addAndGet(-bytes);
        throw error();
      }
    }

    @Override
    void release(long bytes) {
      used.addAndGet(-bytes);
    }
  }
}
