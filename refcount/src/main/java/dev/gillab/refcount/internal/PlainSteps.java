package dev.gillab.refcount.internal;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.gillab.refcount.HeapObject;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The two halves of a {@code PLAIN} count change, {@code tmp = count} and
 * {@code count = tmp + delta}, for the race lessons and tests that interleave them step by step.
 * They are the very halves {@code incRef} and {@code decRef} run back to back. The API package
 * installs the implementation (its classes are not visible from here).
 */
public final class PlainSteps {

  /** Implemented by the API package. */
  public interface Access {
    int read(HeapObject<?> object);

    boolean write(HeapObject<?> object, int read, int delta);
  }

  private static final AtomicReference<Access> ACCESS = new AtomicReference<>();

  private PlainSteps() {}

  public static void install(Access access) {
    checkState(ACCESS.compareAndSet(null, checkNotNull(access)), "PlainSteps installed twice");
  }

  /** {@code tmp = count}: the count as the first half of an update reads it. */
  public static int read(HeapObject<?> object) {
    return access().read(object);
  }

  /**
   * {@code count = read + delta}, freeing the object at zero; throws as {@code incRef} or
   * {@code decRef} would if the object was freed meanwhile.
   *
   * @return whether this write freed the object
   */
  public static boolean write(HeapObject<?> object, int read, int delta) {
    return access().write(object, read, delta);
  }

  private static Access access() {
    Access a = ACCESS.get();
    checkState(a != null, "PlainSteps used before any HeapObject was created");
    return a;
  }
}
