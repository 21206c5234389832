package dev.gillab.refcount;

/**
 * An {@link CountStrategy#IMMORTAL} object (PEP 683): its count never changes and it is never
 * freed, so {@code incRef} and {@code decRef} write nothing. Thread-safe and contention-free.
 */
final class ImmortalObject<T> extends HeapObject<T> {

  ImmortalObject(Heap heap, long id, T value) {
    super(heap, id, value, null);
  }

  @Override
  public CountStrategy strategy() {
    return CountStrategy.IMMORTAL;
  }

  @Override
  public int refCount() {
    return Heap.IMMORTAL_REFCOUNT;
  }

  @Override
  public boolean isFreed() {
    return false;
  }

  @Override
  public void incRef() {}

  @Override
  public boolean decRef() {
    return false;
  }

  @Override
  void setCountForTest(int n) {
    throw new UnsupportedOperationException("an immortal count never changes");
  }
}
