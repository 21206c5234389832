package dev.gillab.gil.internal;

import com.google.errorprone.annotations.ThreadSafe;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A list: it holds one reference to each item, released when the list is freed (the heap's free
 * hook).
 *
 * <p>Each list has a lock of its own, its monitor, taken around every read and write of its items:
 * the per-object lock free-threaded CPython adds (PEP 703's critical sections). Under a GIL it is
 * never contended — one thread runs bytecode at a time — and costs an uncontended monitor enter;
 * under {@code none} it is what keeps two threads appending to one list from losing items. It makes
 * each operation atomic, not a sequence of them: {@code xs.append(len(xs))} from two threads can
 * still append the same number twice. No method holds the lock while it takes another list's, so
 * lists cannot deadlock on each other.
 *
 * <p>The list is charged to the heap's byte budget by its capacity, modelled on {@code
 * ArrayList}'s: it starts at the items it was made with, grows by half (at least to what is needed)
 * when an append or an extend would pass it, and never shrinks. The growth is charged under the
 * list's lock before an item is added, so a growth past the budget raises MemoryError with the list
 * unchanged.
 */
@ThreadSafe
public final class PyList extends PyValue {
  @GuardedBy("this")
  private final ArrayList<PyValue> items;

  private final Memory memory;

  /** The slots charged to the budget. */
  @GuardedBy("this")
  private int capacity;

  @SuppressWarnings("NonApiType") // kept as the storage: mutable, growable, not copied
  PyList(ArrayList<PyValue> items, Memory memory) {
    super(false);
    this.items = items;
    this.memory = memory;
    this.capacity = items.size();
  }

  @Override
  synchronized long footprint() {
    return Memory.slots(capacity);
  }

  /** Charges the growth to hold {@code size} items, if the capacity charged is short of it. */
  @GuardedBy("this")
  private void ensureCapacity(long size) {
    if (size <= capacity) {
      return;
    }
    long grown = Math.max(size, capacity + (capacity >> 1));
    memory.charge((grown - capacity) * Memory.BYTES_PER_SLOT);
    capacity = (int) grown;
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
   * takes over the caller's reference. Returns false (and appends nothing) when it is full; on
   * MemoryError the reference stays the caller's.
   */
  synchronized boolean appendIfBelow(PyValue v, int maxSize) {
    if (items.size() + 1L > maxSize) {
      return false;
    }
    ensureCapacity(items.size() + 1L);
    items.add(v);
    return true;
  }

  /**
   * Appends items whose references the list takes over; on MemoryError it takes nothing and the
   * references stay the caller's.
   */
  synchronized void addAll(List<PyValue> more) {
    ensureCapacity((long) items.size() + more.size());
    items.addAll(more);
  }

  /** Empties the list, answering its items (and their references) to the caller. */
  synchronized List<PyValue> takeAll() {
    List<PyValue> out = new ArrayList<>(items);
    items.clear();
    return out;
  }

  /** Item {@code i} as a new reference, or null past the end (iteration). */
  synchronized @Nullable PyValue getRef(int i) {
    if (i < 0 || i >= items.size()) {
      return null;
    }
    PyValue v = items.get(i);
    PyValue.incRef(v);
    return v;
  }

  /** {@code list[i]} (negative counts from the end) as a new reference. */
  synchronized PyValue item(long i) {
    int at = index(i, "list index out of range");
    PyValue v = items.get(at);
    PyValue.incRef(v);
    return v;
  }

  /** {@code list[i] = v}: takes over the caller's reference; answers the old item's. */
  synchronized PyValue replace(long i, PyValue v) {
    int at = index(i, "list assignment index out of range");
    return items.set(at, v);
  }

  /** Removes item {@code i}, answering its reference; {@code message} for a bad index. */
  synchronized PyValue removeAt(long i, String message) {
    return items.remove(index(i, message));
  }

  /**
   * Removes the first item {@code ==} to {@code v}; answers its reference or null. The items
   * compared and moved are charged to {@code ts}.
   */
  synchronized @Nullable PyValue removeFirst(ThreadState ts, PyValue v) {
    ts.charge(items.size()); // compared up to it, moved down after it: every item once
    for (int i = 0; i < items.size(); i++) {
      if (ObjectSpace.equal(ts, items.get(i), v, 0)) {
        return items.remove(i);
      }
    }
    return null;
  }

  /**
   * {@code list.insert(i, v)}: clamps as CPython does; takes over the reference (on MemoryError it
   * stays the caller's).
   */
  synchronized void insert(long i, PyValue v) {
    long n = items.size();
    long at = i < 0 ? Math.max(0, i + n) : Math.min(i, n);
    ensureCapacity(n + 1);
    items.add((int) at, v);
  }

  synchronized void reverse() {
    Collections.reverse(items);
  }

  /** Replaces the items by {@code sorted}, the same references in a new order. */
  synchronized void reorder(List<PyValue> sorted) {
    items.clear();
    items.addAll(sorted);
  }

  @GuardedBy("this")
  private int index(long i, String message) {
    long at = i < 0 ? i + items.size() : i;
    if (at < 0 || at >= items.size()) {
      throw new PyException("IndexError", message);
    }
    return (int) at;
  }

  @Override
  void dropReferences(Collection<PyValue> out) {
    out.addAll(takeAll());
  }

  @Override
  synchronized void references(Collection<PyValue> out) {
    out.addAll(items);
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
