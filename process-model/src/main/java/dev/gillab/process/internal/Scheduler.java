package dev.gillab.process.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon timer thread shared by the module for deadlines (child timeouts, task timeouts).
 * Thread-safe: a {@link ScheduledThreadPoolExecutor}. Actions must be short.
 */
public final class Scheduler {
  private static final ScheduledThreadPoolExecutor TIMER = create();

  private Scheduler() {}

  private static ScheduledThreadPoolExecutor create() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "gillab-process-timer");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    // The thread ends when idle, so a short program (a lesson) leaves no thread behind.
    timer.setKeepAliveTime(200, TimeUnit.MILLISECONDS);
    timer.allowCoreThreadTimeOut(true);
    return timer;
  }

  /** Runs {@code action} once after {@code delay}; cancel the returned future to call it off. */
  public static ScheduledFuture<?> after(Duration delay, Runnable action) {
    return TIMER.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
  }
}
