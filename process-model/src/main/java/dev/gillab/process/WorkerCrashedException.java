package dev.gillab.process;

import com.google.common.collect.ImmutableList;

/**
 * The worker running a task died (it exited, halted, or was killed from outside) after it had
 * started the task (sent STARTED) and before it answered. Only that task fails; the pool starts a
 * replacement. A worker that dies before it starts a task fails nothing: the task goes to the
 * replacement. Carries how the worker ended and the last lines of its stderr. Immutable;
 * thread-safe.
 */
public final class WorkerCrashedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The worker that died. */
  private final long pid;

  /** The task it was running. */
  private final String taskName;

  /** How it ended. */
  private final ExitStatus exitStatus;

  /** The last lines it wrote to stderr. */
  private final ImmutableList<String> stderrTail;

  /**
   * For the pool, which saw the worker die.
   *
   * @param pid the worker that died
   * @param taskName the task it was running
   * @param exitStatus how it ended
   * @param stderrTail the last lines it wrote to stderr, oldest first
   */
  public WorkerCrashedException(
      long pid, String taskName, ExitStatus exitStatus, ImmutableList<String> stderrTail) {
    super(message(pid, taskName, exitStatus, stderrTail));
    this.pid = pid;
    this.taskName = taskName;
    this.exitStatus = exitStatus;
    this.stderrTail = stderrTail;
  }

  private static String message(
      long pid, String taskName, ExitStatus status, ImmutableList<String> tail) {
    String base = "worker pid " + pid + " died running task '" + taskName + "': " + status;
    return tail.isEmpty()
        ? base + "; it wrote nothing to stderr"
        : base + "; last stderr lines:\n  " + String.join("\n  ", tail);
  }

  /**
   * The worker that died.
   *
   * @return its process id
   */
  public long pid() {
    return pid;
  }

  /**
   * The task that failed with the worker; no other task did.
   *
   * @return its registered name
   */
  public String taskName() {
    return taskName;
  }

  /**
   * How the worker ended: a signal points outside (the OOM killer, a kill), an exit code at the
   * task ({@code System.exit}, {@code halt}).
   *
   * @return the exit code and, if a signal killed the worker, the signal
   */
  public ExitStatus exitStatus() {
    return exitStatus;
  }

  /**
   * The last lines the worker wrote to stderr: where a JVM's own crash report starts.
   *
   * @return the lines, oldest first; empty if it wrote none
   */
  public ImmutableList<String> stderrTail() {
    return stderrTail;
  }
}
