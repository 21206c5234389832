package dev.gillab.workloads;

/**
 * An experiment could not finish: a program raised an error, a worker process crashed, a thread did
 * not end in time. The message names the experiment, the mode and what failed; the command prints
 * it and exits with 1.
 */
public final class ExperimentFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ExperimentFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  public ExperimentFailedException(String message) {
    super(message);
  }
}
