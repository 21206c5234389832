package dev.gillab.process;

import java.time.Duration;

/**
 * A task ran past its timeout; the pool killed its worker (with the worker's whole process tree)
 * and started a replacement. Immutable; thread-safe.
 */
public final class TaskTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The task that ran too long. */
  private final String taskName;

  /** The timeout it ran past. */
  private final Duration timeout;

  /** The worker that was killed. */
  private final long pid;

  /**
   * For the pool, which killed the worker.
   *
   * @param taskName the task that ran too long
   * @param timeout the timeout it ran past
   * @param pid the worker that was killed
   */
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

  /**
   * The task that ran too long.
   *
   * @return its registered name
   */
  public String taskName() {
    return taskName;
  }

  /**
   * The timeout it ran past: the pool's default or the one given with the call.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * The worker that was killed.
   *
   * @return its process id
   */
  public long pid() {
    return pid;
  }
}
