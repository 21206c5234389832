package dev.gillab.refcount;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The two halves of a {@code PLAIN} count change, {@code tmp = count} and {@code count = tmp +
 * delta}, taken apart so that the race lessons and tests can interleave them step by step, as two
 * threads without a lock do. They are the very halves {@link RefCounted#incRef()} and {@link
 * RefCounted#decRef()} run back to back on a {@code PLAIN} object, so a lost update shown with them
 * is the one the real calls suffer.
 *
 * <p>Only for {@code PLAIN} objects: the other strategies change their count in one atomic step,
 * which has no halves to interleave. Thread-safety is the object's: none.
 */
public final class PlainCountSteps {
  private PlainCountSteps() {}

  /**
   * {@code tmp = count}: the count as the first half of an update reads it.
   *
   * @param object a {@code PLAIN} object
   * @return its count now
   * @throws IllegalArgumentException if the object's strategy is not {@code PLAIN}
   */
  public static int read(HeapObject<?> object) {
    return plain(object).readCount();
  }

  /**
   * {@code count = read + delta}, freeing the object at zero; throws as {@code incRef} or {@code
   * decRef} would if the object was freed meanwhile.
   *
   * @param object a {@code PLAIN} object
   * @param read the count a {@link #read} answered
   * @param delta +1 for an increment, -1 for a decrement
   * @return whether this write freed the object
   * @throws IllegalArgumentException if the object's strategy is not {@code PLAIN}
   * @throws IllegalRefCountException if the object was freed
   */
  public static boolean write(HeapObject<?> object, int read, int delta) {
    return plain(object).writeCount(read, delta);
  }

  private static PlainObject<?> plain(HeapObject<?> object) {
    checkNotNull(object, "object");
    checkArgument(
        object instanceof PlainObject<?>,
        "read and write steps exist only for PLAIN counts; object #%s is %s",
        object.id(),
        object.strategy());
    return (PlainObject<?>) object;
  }
}
