package dev.gillab.gil.step;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.jspecify.annotations.Nullable;

/**
 * What a learner tries to make a program do by choosing its schedule: fail an assertion, deadlock,
 * end with a global at a value, starve a thread, use an object after its count freed it, or end
 * with an object alive that nothing refers to. A goal is checked after every step ({@link
 * #reachedBy}); those about the end of the run hold only once it has ended.
 *
 * @param kind which goal
 * @param text the goal in words, for a page ("make counter end at 1")
 * @param name the global ({@link Kind#GLOBAL_EQUALS}) or the exception type ({@link Kind#RAISES}),
 *     else null
 * @param repr the value's {@code repr} ({@link Kind#GLOBAL_EQUALS}), else null
 * @param threadId the thread to starve ({@link Kind#STARVES}), else -1
 * @param steps how many steps in a row the other threads must take ({@link Kind#STARVES}), else 0
 */
public record Goal(
    Kind kind, String text, @Nullable String name, @Nullable String repr, int threadId, int steps) {

  /** The kinds of goal. */
  public enum Kind {
    /** Some thread ends by an uncaught exception of a given type. */
    RAISES,
    /** The run deadlocks. */
    DEADLOCK,
    /** The run ends, every thread done, with a global whose {@code repr} is a given text. */
    GLOBAL_EQUALS,
    /** The other threads take a number of steps in a row while one thread could have run. */
    STARVES,
    /**
     * A thread uses an object its count freed while the thread still held it: the heap refuses the
     * use, and the thread ends by {@code UseAfterFreeException} (a count change on the freed
     * object) or {@code DoubleFreeException} (a release of it).
     */
    USES_FREED,
    /**
     * The run ends, every thread done, with an object it allocated still alive although nothing
     * reaches it: not the globals, the code's constants, nor a frame of a thread still running (a
     * daemon). Its count kept a reference nobody holds, the signature of a lost decRef; once the
     * interpreter let go of its globals, the heap would report the object as a leak. (A cycle would
     * leak too, for the heap has no cycle collector, but the interpreter refuses to make one.)
     * {@link Snapshot#leaks()} names the objects.
     */
    LEAKS
  }

  /**
   * Checks that the kind and the text are there; the factory methods ({@link #raises}, {@link
   * #starves}, ...) fill in the other fields as the kind needs them.
   *
   * @param kind which goal
   * @param text the goal in words, for a page
   * @param name the global or the exception type, else null
   * @param repr the value's {@code repr}, else null
   * @param threadId the thread to starve, else -1
   * @param steps how many steps in a row the other threads must take, else 0
   * @throws NullPointerException if {@code kind} or {@code text} is null
   */
  public Goal {
    checkNotNull(kind, "kind");
    checkNotNull(text, "text");
  }

  /**
   * Some thread fails an {@code assert}: ends by an uncaught {@code AssertionError}.
   *
   * @return the goal
   */
  public static Goal assertionFails() {
    return new Goal(Kind.RAISES, "make an assert fail", "AssertionError", null, -1, 0);
  }

  /**
   * Some thread ends by an uncaught exception of type {@code exceptionType}.
   *
   * @param exceptionType a Python exception type name, e.g. {@code IndexError}
   * @return the goal
   */
  public static Goal raises(String exceptionType) {
    checkArgument(!checkNotNull(exceptionType, "exceptionType").isBlank(), "no exception type");
    return new Goal(
        Kind.RAISES, "make a thread raise " + exceptionType, exceptionType, null, -1, 0);
  }

  /**
   * The run ends in {@link Outcome#DEADLOCK}.
   *
   * @return the goal
   */
  public static Goal deadlock() {
    return new Goal(Kind.DEADLOCK, "make the threads deadlock", null, null, -1, 0);
  }

  /**
   * The run ends with every thread done and global {@code name} bound to a value whose {@code repr}
   * is {@code repr}.
   *
   * @param name the global
   * @param repr its value's {@code repr}, e.g. {@code 1} or {@code 'done'}
   * @return the goal
   */
  public static Goal globalEquals(String name, String repr) {
    checkNotNull(name, "name");
    checkNotNull(repr, "repr");
    return new Goal(Kind.GLOBAL_EQUALS, "make " + name + " end at " + repr, name, repr, -1, 0);
  }

  /**
   * The other threads take {@code steps} steps in a row while thread {@code threadId} could have
   * taken one.
   *
   * @param threadId the thread kept waiting
   * @param steps at least 1
   * @return the goal
   */
  public static Goal starves(int threadId, int steps) {
    checkArgument(threadId >= 0, "threadId must not be negative, got %s", threadId);
    checkArgument(steps >= 1, "steps must be at least 1, got %s", steps);
    return new Goal(
        Kind.STARVES,
        "keep thread " + threadId + " waiting for " + steps + " steps while it could run",
        null,
        null,
        threadId,
        steps);
  }

  /**
   * Some thread uses an object after its count freed it (a count lost an update, and the object was
   * freed while the thread still held it), and the heap stops the thread.
   *
   * @return the goal
   */
  public static Goal usesFreed() {
    return new Goal(
        Kind.USES_FREED, "make a thread use an object after it is freed", null, null, -1, 0);
  }

  /**
   * The run ends with an object alive that nothing refers to: a count lost a decRef, so the object
   * outlives every reference to it.
   *
   * @return the goal
   */
  public static Goal leaks() {
    return new Goal(Kind.LEAKS, "make an object outlive every reference to it", null, null, -1, 0);
  }

  /**
   * Whether {@code stepper}'s run, as it stands, has reached this goal.
   *
   * @param stepper a run
   * @return true once the goal is reached
   */
  public boolean reachedBy(Stepper stepper) {
    return stepper.reached(this);
  }
}
