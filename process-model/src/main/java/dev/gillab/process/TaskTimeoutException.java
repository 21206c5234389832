package dev.gillab.process;

import java.time.Duration;

/**
 * A task ran past its timeout; the pool killed its worker (with the worker's whole process
 * tree) and started a replacement. Immutable; thread-safe.
 */
public final class TaskTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String taskName;
  private final Duration timeout;
  private final long pid;

  public TaskTimeoutException(String taskName, Duration timeout, long pid) {
    super(
        "task '"
            + taskName
            + "' timed out after "
            + timeout.toMillis()
            + " ms; its worker pid "
            + pid
            + " was killed and replaced");
    this.taskName = taskName;
    this.timeout = timeout;
    this.pid = pid;
  }

  public String taskName() {
    return taskName;
  }

  public Duration timeout() {
    return timeout;
  }

  /** The worker that was killed. */
  public long pid() {
    return pid;
  }
}
