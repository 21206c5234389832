package dev.gillab.process.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * Runs inside a child JVM: halts it when the parent process is gone, so that no child outlives
 * the JVM that started it even when that JVM was killed with SIGKILL and could not clean up.
 *
 * <p>{@link ProcessHandle#isAlive()} compares the start time too, so a recycled pid does not
 * fool the watch. Thread-safe: it only starts a daemon thread.
 */
public final class ParentWatch {
  /** Exit code of a child that halted because its parent died. */
  public static final int ORPHANED_EXIT_CODE = 86;

  static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private ParentWatch() {}

  /** Starts the watch on a daemon thread; halts at once if there is no parent. */
  public static void start() {
    Optional<ProcessHandle> parent = ProcessHandle.current().parent();
    if (parent.isEmpty() || !parent.get().isAlive()) {
      Runtime.getRuntime().halt(ORPHANED_EXIT_CODE);
    }
    ProcessHandle handle = parent.get();
    Thread watch =
        new Thread(
            () -> {
              while (handle.isAlive()) {
                try {
                  Thread.sleep(POLL_INTERVAL.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
              }
              System.err.println("parent process " + handle.pid() + " is gone; halting");
              Runtime.getRuntime().halt(ORPHANED_EXIT_CODE);
            },
            "gillab-parent-watch");
    watch.setDaemon(true);
    watch.start();
  }
}
