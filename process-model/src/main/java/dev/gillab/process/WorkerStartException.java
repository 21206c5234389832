package dev.gillab.process;

/**
 * A worker could not be started: its JVM did not come up, exited during start-up, or its
 * initializer failed. The pool fails one queued task with it per failed attempt (so a pool that
 * cannot start workers never hangs its callers) and keeps retrying with a back-off. Immutable;
 * thread-safe.
 */
public final class WorkerStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * For a start that failed without an exception, as a JVM that exited at once.
   *
   * @param message what went wrong, with the worker's exit status or output where known
   */
  public WorkerStartException(String message) {
    super(message);
  }

  /**
   * For a start that failed with an exception, as a process that could not be launched.
   *
   * @param message what went wrong
   * @param cause what was thrown
   */
  public WorkerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
