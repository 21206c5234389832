package dev.gillab.refcount;

import org.jspecify.annotations.Nullable;

/**
 * An {@code incRef} would take a count past {@link HeapObject#MAX_REF_COUNT}. A count that wrapped
 * instead would read 0 (or negative) while holders still use the object, and the next {@code
 * decRef} would free it under them; so the increment is refused and the count stays where it was.
 * Message: {@code "refcount overflow: object #7 has refCount 1073741823; incRef (+1) refused"}.
 * Immutable.
 */
public final class RefCountOverflowException extends IllegalRefCountException {
  private static final long serialVersionUID = 1L;

  /**
   * For {@link dev.gillab.refcount} and its internals; users catch, they do not throw.
   *
   * @param objectId the heap id of the object
   * @param refCount the object's count when the operation was refused
   * @param operation the refused operation with its change, as {@code "incRef (+1)"}
   * @param allocationSite where the object was allocated, or null outside a debug heap
   */
  public RefCountOverflowException(
      long objectId, int refCount, String operation, @Nullable String allocationSite) {
    super("refcount overflow", objectId, refCount, operation, allocationSite);
  }
}
