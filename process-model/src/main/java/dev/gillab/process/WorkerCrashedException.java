package dev.gillab.process;

import com.google.common.collect.ImmutableList;

/**
 * The worker running a task died (it exited, halted, or was killed from outside) after it had
 * started the task (sent STARTED) and before it answered. Only that task fails; the pool starts
 * a replacement. A worker that dies before it starts a task fails nothing: the task goes to the
 * replacement. Carries how the worker ended
 * and the last lines of its stderr. Immutable; thread-safe.
 */
public final class WorkerCrashedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long pid;
  private final String taskName;
  private final ExitStatus exitStatus;
  private final ImmutableList<String> stderrTail;

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

  public long pid() {
    return pid;
  }

  public String taskName() {
    return taskName;
  }

  /** Exit code and, if a signal killed the worker, the signal. */
  public ExitStatus exitStatus() {
    return exitStatus;
  }

  /** The last lines the worker wrote to stderr. */
  public ImmutableList<String> stderrTail() {
    return stderrTail;
  }
}
