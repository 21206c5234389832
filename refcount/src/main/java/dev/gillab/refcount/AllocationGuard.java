package dev.gillab.refcount;

/**
 * A check the {@link Heap} runs before every allocation, on the allocating thread; it refuses an
 * allocation by throwing, e.g. an interpreter's "the GIL must be held to allocate". When it throws,
 * nothing is allocated and no counter changes.
 */
@FunctionalInterface
public interface AllocationGuard {
  /** Throws (any unchecked exception) to refuse the allocation. */
  void checkAllocation();
}
