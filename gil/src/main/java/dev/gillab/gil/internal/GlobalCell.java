package dev.gillab.gil.internal;

import dev.gillab.refcount.HeapObject;
import org.jspecify.annotations.Nullable;

/**
 * One global variable of an interpreter: linked code points at the cell, so LOAD_GLOBAL is an
 * array read, not a map lookup. The cell owns one reference to its value. Guarded by the GIL.
 */
public final class GlobalCell {
  final String name;
  @Nullable HeapObject<?> value;

  public GlobalCell(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public @Nullable HeapObject<?> value() {
    return value;
  }

  /** Takes over the caller's reference to {@code v}; the cell must be empty. */
  public void set(HeapObject<?> v) {
    value = v;
  }

  /** Drops the cell's reference (interpreter close). */
  public void clear() {
    HeapObject<?> old = value;
    value = null;
    if (old != null) {
      old.decRef();
    }
  }
}
