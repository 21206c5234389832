package dev.gillab.gil.internal;

import java.util.Collection;

/**
 * A tuple: it holds one reference to each item, released when the tuple is freed (through the
 * trashcan, as lists do). Immutable once built, so it needs no lock of its own.
 */
public final class PyTuple extends PyValue {
  final PyValue[] items;

  /** Takes over the references in {@code items}. */
  PyTuple(PyValue[] items) {
    super(false);
    this.items = items;
  }

  public int size() {
    return items.length;
  }

  @Override
  long footprint() {
    return Memory.slots(items.length);
  }

  @Override
  void dropReferences(Collection<PyValue> out) {
    for (int i = 0; i < items.length; i++) {
      if (items[i] != null) {
        out.add(items[i]);
        items[i] = null;
      }
    }
  }

  @Override
  void references(Collection<PyValue> out) {
    for (PyValue v : items) {
      if (v != null) {
        out.add(v);
      }
    }
  }

  @Override
  public String typeName() {
    return "tuple";
  }

  @Override
  public String toString() {
    return "tuple of " + items.length;
  }
}
