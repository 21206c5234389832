package dev.gillab.gil.internal;

import dev.gillab.refcount.UseAfterFreeException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * One global variable of an interpreter: linked code points at the cell, so LOAD_GLOBAL is an array
 * read, not a map lookup. The cell owns one reference to its value.
 *
 * <p>Under a GIL the cell is guarded by it and read and written plainly. Without one (policy {@code
 * none}) two threads may store at once: each store then swaps the value under the lock of the
 * {@link Globals} the cell belongs to ({@link #replace}), so exactly one thread releases each old
 * value (two plain stores that read the same old value would both release it: a double free). A
 * load takes no lock and may race a store that frees the value it read; {@link #loadNewReference}
 * then retries with the new value, as free-threaded CPython's "try incref" does — a freed object
 * refuses the increment and is never revived.
 */
public final class GlobalCell {
  private static final VarHandle VALUE;

  static {
    try {
      VALUE = MethodHandles.lookup().findVarHandle(GlobalCell.class, "value", PyValue.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final String name;

  /** The lock of every replacement without a GIL: that of the globals the cell belongs to. */
  private final Globals globals;

  @Nullable PyValue value;

  GlobalCell(String name, Globals globals) {
    this.name = name;
    this.globals = globals;
  }

  public String name() {
    return name;
  }

  public @Nullable PyValue value() {
    return value;
  }

  /**
   * Puts {@code v} in (null empties the cell) and answers the value it replaced, whose reference
   * passes to the caller; {@code atomic} (no GIL) swaps under the globals' lock.
   */
  @Nullable PyValue replace(@Nullable PyValue v, boolean atomic) {
    if (atomic) {
      synchronized (globals) {
        return swap(v);
      }
    }
    PyValue old = value;
    value = v;
    return old;
  }

  /** {@link #replace} for a holder of the globals' lock; lock-free loads see {@code v} whole. */
  @Nullable PyValue swap(@Nullable PyValue v) {
    PyValue old = value;
    VALUE.setRelease(this, v);
    return old;
  }

  /**
   * Free-threaded load: a new reference to the value, or null when the cell is empty. Retries when
   * a concurrent store freed the value between the read and the increment; a value freed while
   * still in the cell (only PLAIN counts without a GIL do that) is a use-after-free.
   */
  @Nullable PyValue loadNewReference() {
    while (true) {
      PyValue o = (PyValue) VALUE.getAcquire(this);
      if (o == null) {
        return null;
      }
      try {
        PyValue.incRef(o);
        return o;
      } catch (UseAfterFreeException e) {
        if (VALUE.getAcquire(this) == o) {
          throw e; // no store raced us: the cell's own value is freed (unsafe PLAIN counts)
        }
        // A store replaced and freed it after our read; the cell holds a newer value now.
      }
    }
  }
}
