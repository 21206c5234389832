package dev.gillab.refcount;

/**
 * An object whose lifetime is the number of its holders, as in CPython ({@code ob_refcnt}) and
 * Netty ({@code ReferenceCounted}).
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li>A new object has count 1: its creator is its first holder.
 *   <li>{@link #incRef()} adds a holder; {@link #decRef()} removes one and answers {@code true}
 *       exactly when this call took the count to zero and so freed the object.
 *   <li>Once freed, every operation that uses or changes the object ({@code incRef}, {@code
 *       decRef}, reading its value) throws an {@link IllegalRefCountException} whose message says
 *       the count and the attempted change. A freed object is never revived: an {@code incRef} on
 *       it changes nothing. A {@code decRef} that would take the count below zero changes nothing
 *       and throws {@link DoubleFreeException}. One exception, by design: a {@link
 *       CountStrategy#BIASED} object not yet merged cannot see that a decRef by a thread other than
 *       its owner goes below zero (see there); that decRef succeeds, and the merge frees the object
 *       and reports an {@link OverRelease} to its heap.
 *   <li>{@link #refCount()} and {@link #isFreed()} are queries and never throw: a freed object
 *       answers count 0 and {@code true}.
 * </ul>
 *
 * <p>Whether the operations are thread-safe depends on the object's {@link CountStrategy}; each
 * implementation says so.
 */
public interface RefCounted {

  /**
   * The current number of holders; 0 once freed. Never throws. Under a strategy that is not
   * thread-safe, a snapshot that another thread may already have changed.
   *
   * @return the count
   */
  int refCount();

  /**
   * Adds a holder.
   *
   * @throws UseAfterFreeException if the object was already freed (the count stays as it is)
   * @throws RefCountOverflowException if the count is at {@link HeapObject#MAX_REF_COUNT}
   */
  void incRef();

  /**
   * Removes a holder.
   *
   * @return {@code true} when this call took the count to zero and freed the object
   * @throws DoubleFreeException if the object was already freed, or the count would go below zero
   *     (the count stays as it is); for the one case this cannot be seen at once, see {@link
   *     CountStrategy#BIASED}
   */
  boolean decRef();

  /**
   * Whether the object was freed. Never throws: the one safe question to ask of an object that may
   * be gone.
   *
   * @return {@code true} once the count reached zero
   */
  boolean isFreed();
}
