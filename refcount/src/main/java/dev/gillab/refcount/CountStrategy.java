package dev.gillab.refcount;

/**
 * How a {@link Heap}'s objects keep their reference count. Chosen per heap; an immortal object
 * ({@link Heap#allocateImmortal}) is {@link #IMMORTAL} whatever the heap's strategy.
 */
public enum CountStrategy {
  /**
   * A plain {@code int}, updated by an ordinary read-modify-write with no atomics: the fastest
   * count and the one CPython uses with its GIL. Correct only while one outside lock (the GIL)
   * serializes every operation on the heap and its objects; two threads without it lose updates,
   * which frees objects still held (use-after-free) or keeps dead ones alive (leaks).
   */
  PLAIN,

  /**
   * An atomic count (a {@code VarHandle} over an {@code int}): correct from any number of threads,
   * at the price of an atomic instruction per change. A freed object stays freed even while racing
   * {@code incRef}s arrive.
   */
  ATOMIC,

  /**
   * Biased counting as in PEP 703: the thread that allocated the object (its owner) changes a local
   * count with plain stores; every other thread changes a shared atomic count. The object is freed
   * exactly once, when both have reached zero: when the owner's local count hits zero it merges the
   * two; when another thread takes the shared count below zero the object is queued for its owner
   * to merge ({@link Heap#mergeBiasedCounts()}), or merged at once if the owner thread has ended.
   *
   * <p>The price (PEP 703 pays it too): until the merge, a {@code decRef} by a non-owner that takes
   * the true count below zero, i.e. releases a reference its thread did not hold, cannot be
   * refused, because that thread sees only the shared count, which goes below zero legitimately
   * whenever the owner hands a reference over. The decRef succeeds and returns {@code false};
   * meanwhile {@code refCount()} may read 0 on an object not yet freed. The merge finds the total
   * below zero, frees the object (nobody can hold it) and records an {@link OverRelease} in the
   * heap ({@link Heap#overReleases()}, and reported on {@link Heap#close()}); nothing is thrown
   * into the merging thread. Once merged, the count is exact and every decRef below zero is refused
   * as for the other strategies.
   */
  BIASED,

  /**
   * Immortal, as in PEP 683: never freed, and counting does not change it (no write, so no
   * contention between threads). For objects that live as long as the heap: None, True, False,
   * small integers.
   */
  IMMORTAL
}
