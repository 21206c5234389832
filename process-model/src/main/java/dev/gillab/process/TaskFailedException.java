package dev.gillab.process;

/**
 * A task threw inside its worker. The worker is fine and carries on; the message holds the task's
 * name and the exception's class and message as the worker described them (as text: the exception
 * object itself never crosses the pipe). Immutable; thread-safe.
 */
public final class TaskFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The task that threw. */
  private final String taskName;

  /** What the worker said about the exception, as text. */
  private final String remoteDescription;

  /**
   * For the pool, which builds it from a failure frame.
   *
   * @param taskName the task that threw
   * @param remoteDescription what the worker said: {@code "<exception class>: <message>"}
   */
  public TaskFailedException(String taskName, String remoteDescription) {
    super("task '" + taskName + "' failed in its worker: " + remoteDescription);
    this.taskName = taskName;
    this.remoteDescription = remoteDescription;
  }

  /**
   * The task that threw.
   *
   * @return its registered name
   */
  public String taskName() {
    return taskName;
  }

  /**
   * What the worker said; the exception object itself stayed in the worker.
   *
   * @return {@code "<exception class>: <message>"}
   */
  public String remoteDescription() {
    return remoteDescription;
  }
}
