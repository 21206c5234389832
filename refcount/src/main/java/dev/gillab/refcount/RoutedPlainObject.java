package dev.gillab.refcount;

import org.jspecify.annotations.Nullable;

/**
 * A {@code PLAIN} object of a heap built with {@link CountChanges}: its {@code incRef} and {@code
 * decRef} go to them, which run the read and write halves when they choose. A subclass of its own,
 * so that a process that never makes one keeps {@link PlainObject}'s calls monomorphic.
 */
final class RoutedPlainObject<T> extends PlainObject<T> {
  private final CountChanges changes;

  RoutedPlainObject(
      Heap heap, long id, T value, HeapObject.@Nullable Extras extras, CountChanges changes) {
    super(heap, id, value, extras);
    this.changes = changes;
  }

  @Override
  public void incRef() {
    changes.change(this, +1);
  }

  @Override
  public boolean decRef() {
    return changes.change(this, -1);
  }
}
