package dev.gillab.locks;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Thrown by an acquisition that would close a cycle in the lock-order graph (policy {@link
 * Policy#THROW}): taking this lock while holding the other one contradicts an order seen
 * before, so two threads doing both could deadlock, even though nothing is blocked now. Thrown
 * before the lock is taken. The message is the {@link DeadlockReport}: the cycle on its first
 * line, then the stack that first established each edge.
 */
public final class PotentialDeadlockException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // reports are not meant to travel
  private final DeadlockReport report;

  public PotentialDeadlockException(DeadlockReport report) {
    super(checkNotNull(report, "report").toString());
    this.report = report;
  }

  public DeadlockReport report() {
    return report;
  }
}
