package dev.gillab.refcount;

import org.jspecify.annotations.Nullable;

/**
 * A freed object was used: an {@code incRef} (which would revive it) or a read of its value.
 * Message: {@code "use after free: object #7 has refCount 0; incRef (+1) refused"}.
 */
public final class UseAfterFreeException extends IllegalRefCountException {
  private static final long serialVersionUID = 1L;

  /**
   * For {@link dev.gillab.refcount} and its internals; users catch, they do not throw.
   *
   * @param objectId the heap id of the object
   * @param refCount the object's count when the operation was refused
   * @param operation the refused operation with its change, as {@code "incRef (+1)"}
   * @param allocationSite where the object was allocated, or null outside a debug heap
   */
  public UseAfterFreeException(
      long objectId, int refCount, String operation, @Nullable String allocationSite) {
    super("use after free", objectId, refCount, operation, allocationSite);
  }
}
