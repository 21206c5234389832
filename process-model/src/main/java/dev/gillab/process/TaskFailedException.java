package dev.gillab.process;

/**
 * A task threw inside its worker. The worker is fine and carries on; the message holds the
 * task's name and the exception's class and message as the worker described them (as text: the
 * exception object itself never crosses the pipe). Immutable; thread-safe.
 */
public final class TaskFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String taskName;
  private final String remoteDescription;

  public TaskFailedException(String taskName, String remoteDescription) {
    super("task '" + taskName + "' failed in its worker: " + remoteDescription);
    this.taskName = taskName;
    this.remoteDescription = remoteDescription;
  }

  public String taskName() {
    return taskName;
  }

  /** What the worker said: {@code "<exception class>: <message>"}. */
  public String remoteDescription() {
    return remoteDescription;
  }
}
