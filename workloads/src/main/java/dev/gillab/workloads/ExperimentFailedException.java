package dev.gillab.workloads;

/**
 * An experiment could not finish: a program raised an error, a worker process crashed, a thread did
 * not end in time. The message names the experiment, the mode and what failed; the command prints
 * it and exits with 1.
 */
public final class ExperimentFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An experiment failure caused by {@code cause}.
   *
   * @param message the experiment, the mode and what failed
   * @param cause what made it fail: the program's error, the interruption, the IO failure
   */
  public ExperimentFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * An experiment failure with no exception behind it, e.g. a thread that did not end in time.
   *
   * @param message the experiment, the mode and what failed
   */
  public ExperimentFailedException(String message) {
    super(message);
  }
}
