package dev.gillab.locks;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * What {@link DeadlockException} and {@link PotentialDeadlockException} share: each carries the
 * {@link DeadlockReport} of the cycle it was thrown for, and the report's text is its message, so
 * that a stack trace alone shows the whole cycle. Package-private: callers catch one of the two,
 * which say which graph the cycle was found in.
 */
abstract sealed class CycleException extends RuntimeException
    permits DeadlockException, PotentialDeadlockException {
  private static final long serialVersionUID = 1L;

  /** The cycle; a report is not serializable, as it is not meant to travel. */
  @SuppressWarnings("serial") // reports are not meant to travel
  private final DeadlockReport report;

  CycleException(DeadlockReport report) {
    super(checkNotNull(report, "report").toString());
    this.report = report;
  }

  /**
   * The cycle as data, for a caller that wants to know which threads and locks were in it rather
   * than parse the message.
   *
   * @return the report this exception was thrown with
   */
  public DeadlockReport report() {
    return report;
  }
}
