package dev.gillab.locks;

/**
 * Thrown by an acquisition that would close a cycle in the lock-order graph (policy {@link
 * Policy#THROW}): taking this lock while holding the other one contradicts an order seen before, so
 * two threads doing both could deadlock, even though nothing is blocked now. Thrown before the lock
 * is taken. The message is the {@link DeadlockReport}: the cycle on its first line, then the stack
 * that first established each edge.
 */
public final class PotentialDeadlockException extends CycleException {
  private static final long serialVersionUID = 1L;

  /**
   * Wraps a detector's report; the message is the report's text, so a stack trace alone shows the
   * whole lock-order cycle.
   *
   * @param report the cycle that was about to close
   */
  public PotentialDeadlockException(DeadlockReport report) {
    super(report);
  }
}
