package dev.gillab.refcount;

import org.jspecify.annotations.Nullable;

/**
 * A {@code decRef} on an object that was already freed, or one that would take its count below
 * zero. Message: {@code "double free: object #7 has refCount 0; decRef (-1) refused"}.
 */
public final class DoubleFreeException extends IllegalRefCountException {
  private static final long serialVersionUID = 1L;

  /**
   * For {@link dev.gillab.refcount} and its internals; users catch, they do not throw.
   *
   * @param objectId the heap id of the object
   * @param refCount the object's count when the operation was refused
   * @param operation the refused operation with its change, as {@code "decRef (-1)"}
   * @param allocationSite where the object was allocated, or null outside a debug heap
   */
  public DoubleFreeException(
      long objectId, int refCount, String operation, @Nullable String allocationSite) {
    super("double free", objectId, refCount, operation, allocationSite);
  }
}
