package dev.gillab.refcount;

/**
 * What happens when an object is freed, like a CPython type's {@code tp_dealloc}: a container
 * releases the objects it holds, e.g. {@code list -> list.forEach(HeapObject::decRef)}.
 *
 * <p>Called exactly once, on the thread whose {@code decRef} freed the object, after the object is
 * marked freed and counted as freed, with the value the object held.
 *
 * @param <T> the type of the value
 */
@FunctionalInterface
public interface FreeHook<T> {
  /**
   * Releases what the freed object held.
   *
   * @param value the value the object held; the object itself can no longer be used
   */
  void onFree(T value);
}
