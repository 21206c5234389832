package dev.gillab.gil.internal;

import com.google.errorprone.annotations.ThreadSafe;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.ArrayList;
import java.util.List;

/**
 * A list: it holds one reference to each item, released when the list is freed (the heap's free
 * hook).
 *
 * <p>Each list has a lock of its own, its monitor, taken around every read and write of its
 * items: the per-object lock free-threaded CPython adds (PEP 703's critical sections). Under a
 * GIL it is never contended — one thread runs bytecode at a time — and costs an uncontended
 * monitor enter; under {@code none} it is what keeps two threads appending to one list from
 * losing items. It makes each operation atomic, not a sequence of them: {@code xs.append(len(xs))}
 * from two threads can still append the same number twice. No method holds the lock while it
 * takes another list's, so lists cannot deadlock on each other.
 */
@ThreadSafe
public final class PyList extends PyValue {
  @GuardedBy("this")
  private final ArrayList<PyValue> items;

  PyList(ArrayList<PyValue> items) {
    super(false);
    this.items = items;
  }

  public synchronized int size() {
    return items.size();
  }

  synchronized boolean isEmpty() {
    return items.isEmpty();
  }

  /** The items at this moment, in a new list (references not taken). */
  synchronized List<PyValue> snapshot() {
    return new ArrayList<>(items);
  }

  /**
   * Appends {@code v} unless the list would then hold more than {@code maxSize} items; the list
   * takes over the caller's reference. Returns false (and appends nothing) when it is full.
   */
  synchronized boolean appendIfBelow(PyValue v, int maxSize) {
    if (items.size() + 1L > maxSize) {
      return false;
    }
    items.add(v);
    return true;
  }

  /** Appends items whose references the list takes over. */
  synchronized void addAll(List<PyValue> more) {
    items.addAll(more);
  }

  /** Empties the list, answering its items (and their references) to the caller. */
  synchronized List<PyValue> takeAll() {
    List<PyValue> out = new ArrayList<>(items);
    items.clear();
    return out;
  }

  @Override
  public String typeName() {
    return "list";
  }

  @Override
  public synchronized String toString() {
    return "list of " + items.size();
  }
}
