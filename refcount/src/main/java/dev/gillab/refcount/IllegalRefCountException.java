package dev.gillab.refcount;

import org.jspecify.annotations.Nullable;

/**
 * An operation on a counted object that its count forbids: using or changing a freed object. The
 * message names the object, its count and the refused change, and in a debug heap where the object
 * was allocated:
 *
 * <pre>
 * use after free: object #7 has refCount 0; incRef (+1) refused
 * double free: object #7 has refCount 0; decRef (-1) refused; allocated at Demo.main(Demo.java:12)
 * </pre>
 *
 * The operation changed nothing. Immutable.
 */
public abstract class IllegalRefCountException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** The heap id of the object. */
  private final long objectId;

  /** The object's count when the operation was refused. */
  private final int refCount;

  /** The refused operation with its change, as {@code "incRef (+1)"}. */
  private final String operation;

  /** Where the object was allocated, or null outside a debug heap. */
  private final @Nullable String allocationSite;

  IllegalRefCountException(
      String kind, long objectId, int refCount, String operation, @Nullable String allocationSite) {
    super(message(kind, objectId, refCount, operation, allocationSite));
    this.objectId = objectId;
    this.refCount = refCount;
    this.operation = operation;
    this.allocationSite = allocationSite;
  }

  private static String message(
      String kind, long id, int refCount, String operation, @Nullable String site) {
    String base =
        kind + ": object #" + id + " has refCount " + refCount + "; " + operation + " refused";
    return site == null ? base : base + "; allocated at " + site;
  }

  /**
   * Which object it was, for matching with a leak report or a debugger.
   *
   * @return the heap id of the object
   */
  public long objectId() {
    return objectId;
  }

  /**
   * The count that forbade the operation: 0 for a freed object, {@link HeapObject#MAX_REF_COUNT}
   * for an overflow.
   *
   * @return the object's count when the operation was refused
   */
  public int refCount() {
    return refCount;
  }

  /**
   * What the caller tried.
   *
   * @return the refused operation with its change: {@code "incRef (+1)"}, {@code "decRef (-1)"},
   *     {@code "value()"}
   */
  public String operation() {
    return operation;
  }

  /**
   * Where the object was allocated: the first place to look for the holder that let go once too
   * often.
   *
   * @return the allocating frame (debug heaps only), or {@code null}
   */
  public @Nullable String allocationSite() {
    return allocationSite;
  }
}
