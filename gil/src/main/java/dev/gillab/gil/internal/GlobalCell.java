package dev.gillab.gil.internal;

import org.jspecify.annotations.Nullable;

/**
 * One global variable of an interpreter: linked code points at the cell, so LOAD_GLOBAL is an
 * array read, not a map lookup. The cell owns one reference to its value. Guarded by the GIL.
 */
public final class GlobalCell {
  final String name;
  @Nullable PyValue value;

  public GlobalCell(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public @Nullable PyValue value() {
    return value;
  }

  /** Takes over the caller's reference to {@code v}; the cell must be empty. */
  public void set(PyValue v) {
    value = v;
  }

  /** Drops the cell's reference (interpreter close). */
  public void clear() {
    PyValue old = value;
    value = null;
    if (old != null) {
      PyValue.decRef(old);
    }
  }
}
