package dev.gillab.process.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * Runs inside a child JVM: halts it when the parent process is gone, so that no child outlives the
 * JVM that started it even when that JVM was killed with SIGKILL and could not clean up.
 *
 * <p>The launcher passes its own pid in {@value #PARENT_PID_PROPERTY}. That matters: a parent
 * killed while the child JVM was still booting has already been replaced (the kernel re-parents the
 * child to init or a sub-reaper), and asking "who is my parent" at start-up would then watch the
 * wrong process. The watch checks, every {@link #POLL_INTERVAL}, that our parent is still that pid
 * and that it lives; a recycled pid cannot pass the first check. Thread-safe: it only starts a
 * daemon thread.
 */
public final class ParentWatch {
  /** System property with the pid of the process that launched this JVM. */
  public static final String PARENT_PID_PROPERTY = "gillab.parent.pid";

  /** Exit code of a child that halted because its parent died. */
  public static final int ORPHANED_EXIT_CODE = 86;

  static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private ParentWatch() {}

  /** Starts the watch on a daemon thread; halts at once if the parent is already gone. */
  public static void start() {
    Optional<ProcessHandle> current = ProcessHandle.current().parent();
    long expected = Long.getLong(PARENT_PID_PROPERTY, current.map(ProcessHandle::pid).orElse(-1L));
    if (!isStillOurParent(expected)) {
      orphaned(expected);
    }
    Thread watch =
        new Thread(
            () -> {
              while (isStillOurParent(expected)) {
                try {
                  Thread.sleep(POLL_INTERVAL.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
              }
              orphaned(expected);
            },
            "gillab-parent-watch");
    watch.setDaemon(true);
    watch.start();
  }

  private static boolean isStillOurParent(long expectedPid) {
    Optional<ProcessHandle> now = ProcessHandle.current().parent();
    return now.isPresent() && now.get().pid() == expectedPid && now.get().isAlive();
  }

  private static void orphaned(long parentPid) {
    System.err.println("parent process " + parentPid + " is gone; halting");
    Runtime.getRuntime().halt(ORPHANED_EXIT_CODE);
  }
}
