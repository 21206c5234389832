package dev.gillab.locks;

/**
 * Thrown by an acquisition that would have closed a wait-for cycle (policy {@link Policy#THROW}),
 * or by a non-reentrant lock asked for again by its holder. It is thrown <em>before</em> blocking:
 * the lock was not taken, the thread still holds what it held, and releasing one of those locks is
 * what breaks the cycle for the others.
 *
 * <p>The message is the report: its first line names the whole cycle ({@code "deadlock: worker-1
 * holds A and waits for B; worker-2 holds B and waits for A"}), the following lines show where each
 * holder acquired its lock.
 */
public final class DeadlockException extends CycleException {
  private static final long serialVersionUID = 1L;

  /**
   * Wraps a detector's report; the message is the report's text, so a stack trace alone shows the
   * whole wait-for cycle.
   *
   * @param report the cycle that was about to close
   */
  public DeadlockException(DeadlockReport report) {
    super(report);
  }
}
