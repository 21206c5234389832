package dev.gillab.threads.explore;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.errorprone.annotations.Immutable;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One atomic step of a program thread: the unit the explorer schedules.
 *
 * <p>A step is a label (what a reader of the trace sees, e.g. {@code "tmp = x"}), an action that
 * runs on the program thread's own real Java thread, and an <em>enabled</em> condition. The
 * scheduler evaluates the condition before it picks the step and only ever picks enabled steps, so
 * a step that could block (taking a lock) never blocks behind the scheduler's back: it is simply
 * not chosen until it can run. When unfinished threads remain and none has an enabled step, the
 * explorer reports a deadlock.
 *
 * <p>The action may return a short note of what it read or wrote ({@code "read x=0"}); notes appear
 * in the trace table. An action that throws ends the run as a failure of that step.
 *
 * <p>Steps are immutable values; the state they touch belongs to one run of the program (see {@link
 * ThreadBody}), so they are never shared between runs.
 */
@Immutable
public final class Step {

  /** The work of a step. Returns a note for the trace, or {@code null} for none. */
  @FunctionalInterface
  public interface Action {
    /**
     * Does the step's work on the program thread.
     *
     * @return a note of what was read or written, as {@code "read x=0"}, or null
     * @throws Exception to end the run as a failure of this step
     */
    @Nullable String run() throws Exception;
  }

  /** The work of a step that has nothing to note. */
  @FunctionalInterface
  public interface VoidAction {
    /**
     * Does the step's work on the program thread.
     *
     * @throws Exception to end the run as a failure of this step
     */
    void run() throws Exception;
  }

  private final String label;

  @SuppressWarnings("Immutable") // the condition is a function of the run's state, by design
  private final BooleanSupplier enabled;

  @SuppressWarnings("Immutable") // likewise the action
  private final Action action;

  private Step(String label, BooleanSupplier enabled, Action action) {
    checkArgument(!label.isBlank(), "a step needs a label");
    this.label = label;
    this.enabled = checkNotNull(enabled, "enabled");
    this.action = checkNotNull(action, "action");
  }

  /**
   * A step that is always enabled and notes what it did.
   *
   * @param label what the trace shows, as {@code "tmp = x"}; not blank
   * @param action the work; its answer is the note
   * @return the step
   */
  public static Step of(String label, Action action) {
    return new Step(checkNotNull(label, "label"), Step::always, action);
  }

  private static boolean always() {
    return true;
  }

  /**
   * A step that is always enabled and has nothing to note.
   *
   * @param label what the trace shows, as {@code "tmp = x"}; not blank
   * @param action the work
   * @return the step
   */
  public static Step run(String label, VoidAction action) {
    checkNotNull(action, "action");
    return of(
        label,
        () -> {
          action.run();
          return null;
        });
  }

  /**
   * A step that may run only while {@code enabled} answers true: the scheduler asks before it picks
   * the step, on its own thread, while every program thread is paused.
   *
   * @param label what the trace shows, as {@code "tmp = x"}; not blank
   * @param enabled whether the step could run now without blocking
   * @param action the work; its answer is the note
   * @return the step
   */
  public static Step when(String label, BooleanSupplier enabled, Action action) {
    return new Step(checkNotNull(label, "label"), enabled, action);
  }

  /**
   * Takes {@code lock}, enabled only while nobody holds it. The model is non-reentrant: a thread
   * that asks again for a lock it holds waits for itself, which the explorer reports as a deadlock.
   *
   * @param lockName how the trace names the lock: the step is {@code "lock <name>"}
   * @param lock the lock, part of the run's state
   * @return the step
   */
  public static Step lock(String lockName, ReentrantLock lock) {
    checkNotNull(lock, "lock");
    return when(
        "lock " + lockName,
        () -> !lock.isLocked(),
        () -> {
          lock.lock();
          return null;
        });
  }

  /**
   * Releases {@code lock}; always enabled (releasing never blocks).
   *
   * @param lockName how the trace names the lock: the step is {@code "unlock <name>"}
   * @param lock the lock, held by this program thread
   * @return the step
   */
  public static Step unlock(String lockName, ReentrantLock lock) {
    checkNotNull(lock, "lock");
    return run("unlock " + lockName, lock::unlock);
  }

  /**
   * What the trace shows for this step.
   *
   * @return the label
   */
  public String label() {
    return label;
  }

  /**
   * Whether the step may run now. Called by the scheduler, never by the program thread.
   *
   * @return what the enabled condition answers; always {@code true} for most steps
   */
  public boolean isEnabled() {
    return enabled.getAsBoolean();
  }

  /**
   * Runs the step's action. Called on the program thread.
   *
   * @return the action's note, or null
   * @throws Exception whatever the action threw
   */
  @Nullable
  public String perform() throws Exception {
    return action.run();
  }

  @Override
  public String toString() {
    return label;
  }
}
