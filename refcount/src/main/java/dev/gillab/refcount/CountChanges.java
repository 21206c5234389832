package dev.gillab.refcount;

/**
 * Where a {@code PLAIN} heap built with one ({@link Heap.Builder#countChanges}) sends its objects'
 * count changes, instead of running the two halves of each ({@link PlainCountSteps}) back to back.
 * A stepper that lets other threads run between a change's read and its write takes the changes
 * here: it reads now and writes later, so a schedule can lose an update as two CPUs with no GIL do.
 * An implementation that only ever calls {@code PlainCountSteps.write(object,
 * PlainCountSteps.read(object), delta)} counts as a plain heap.
 *
 * <p>Called on the thread that changes the count; thread-safety is the implementation's.
 */
@FunctionalInterface
public interface CountChanges {
  /**
   * Changes {@code object}'s count by {@code delta}, now or later.
   *
   * @param object a {@code PLAIN} object of the heap
   * @param delta +1 for an {@code incRef}, -1 for a {@code decRef}
   * @return whether the change freed the object now (false for a change put off)
   * @throws IllegalRefCountException as {@code incRef} or {@code decRef} would
   */
  boolean change(HeapObject<?> object, int delta);
}
