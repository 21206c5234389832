package dev.gillab.gil.internal;

import java.util.ArrayList;

/**
 * A list: it holds one reference to each item, released when the list is freed (the heap's free
 * hook). Not thread-safe: guarded by the GIL.
 */
public final class PyList extends PyValue {
  final ArrayList<PyValue> items;

  PyList(ArrayList<PyValue> items) {
    super(false);
    this.items = items;
  }

  public int size() {
    return items.size();
  }

  @Override
  public String typeName() {
    return "list";
  }

  @Override
  public String toString() {
    return "list of " + items.size();
  }
}
