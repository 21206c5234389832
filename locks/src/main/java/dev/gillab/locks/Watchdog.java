package dev.gillab.locks;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.google.errorprone.annotations.ThreadSafe;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.gillab.locks.internal.JvmDeadlocks;
import dev.gillab.locks.internal.Party;
import dev.gillab.locks.internal.Reports;
import dev.gillab.locks.internal.WaitForGraph;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A background thread that looks for real deadlocks every period and reports each new one to a
 * listener, so a deadlock is reported within about one period (plus a scan) of forming.
 *
 * <h2>Design note</h2>
 *
 * Each scan reads two sources. The waits of the {@link LockSet} it was started from (when its
 * wait-for policy is not DISABLED) give reports with lock names and acquisition stacks. {@code
 * ThreadMXBean.findDeadlockedThreads} gives every other deadlock in the JVM: {@code synchronized}
 * monitors, {@code java.util.concurrent} locks, and unchecked {@link OwnedLock}s; those locks are
 * named by class and identity hash, and the stacks show where each thread is blocked. A cycle found
 * by both is reported once, from the lock set; a cycle already reported (by a WARN acquisition, or
 * an earlier scan) is not reported again while it lasts. The watchdog only reports: breaking a
 * deadlock (interrupting a thread) is the listener's choice.
 *
 * <p>Thread-safe; {@link #close()} stops the thread and waits for it (bounded).
 */
@ThreadSafe
public final class Watchdog implements AutoCloseable {
  /** The default scan period: 100 ms. */
  public static final Duration DEFAULT_PERIOD = Duration.ofMillis(100);

  private static final Logger LOG = Logger.getLogger(Watchdog.class.getName());

  private final Duration period;
  private final DeadlockListener listener;
  private final ImmutableList<WaitForGraph> sets;
  private final ScheduledExecutorService thread;

  private final Object scanLock = new Object();

  @GuardedBy("scanLock")
  private Set<ImmutableList<Long>> lastJvmCycles = new HashSet<>();

  @GuardedBy("scanLock")
  private long scans;

  private Watchdog(Duration period, DeadlockListener listener, List<WaitForGraph> sets) {
    this.period = period;
    this.listener = listener;
    this.sets = ImmutableList.copyOf(sets);
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryBuilder()
                .setNameFormat("deadlock-watchdog-%d")
                .setDaemon(true)
                .build());
  }

  /**
   * Watches the whole JVM (through {@code ThreadMXBean}) every {@link #DEFAULT_PERIOD}. For the
   * names and stacks of checked locks, start it from their set ({@link LockSet#startWatchdog}).
   *
   * @param listener who hears of each new cycle, on the watchdog's thread
   * @return the running watchdog; close it to stop it
   */
  public static Watchdog start(DeadlockListener listener) {
    return start(DEFAULT_PERIOD, listener, List.of());
  }

  /**
   * Watches the whole JVM (through {@code ThreadMXBean}) every {@code period}.
   *
   * @param period the time between two scans, positive
   * @param listener who hears of each new cycle, on the watchdog's thread
   * @return the running watchdog; close it to stop it
   */
  public static Watchdog start(Duration period, DeadlockListener listener) {
    return start(period, listener, List.of());
  }

  static Watchdog start(Duration period, DeadlockListener listener, List<WaitForGraph> sets) {
    checkNotNull(period, "period");
    checkArgument(
        !period.isNegative() && !period.isZero(), "period must be positive, was %s", period);
    Watchdog w = new Watchdog(period, checkNotNull(listener, "listener"), sets);
    long nanos = period.toNanos();
    // scanSafely catches whatever a scan throws, so the future never carries a failure.
    var unused = w.thread.scheduleWithFixedDelay(w::scanSafely, nanos, nanos, TimeUnit.NANOSECONDS);
    return w;
  }

  /**
   * The time between the end of one scan and the start of the next.
   *
   * @return the period the watchdog was started with
   */
  public Duration period() {
    return period;
  }

  /**
   * How many scans have completed (for tests and monitoring): a test waits for this to grow rather
   * than for a wall-clock time.
   *
   * @return the number of completed scans, on any thread
   */
  public long scans() {
    synchronized (scanLock) {
      return scans;
    }
  }

  /**
   * Runs one scan now, on the calling thread, and reports what is new. The listener is called after
   * the scan, outside the scan's lock, so a slow listener does not hold up other scans; whatever it
   * throws (an {@code AssertionError} in a test as well) is logged and the next report still goes
   * out.
   */
  public void scanNow() {
    List<DeadlockReport> fresh = new ArrayList<>();
    synchronized (scanLock) {
      // The JVM first: a thread registers its wait with its lock set before it parks, so every
      // set-lock cycle the JVM sees parked is already in the set's graph when read next. Read
      // the other way round, a cycle closing between the two reads came out nameless.
      List<Map.Entry<ImmutableList<Long>, List<Party>>> jvm = JvmDeadlocks.cycles();
      Set<ImmutableList<Long>> known = new HashSet<>();
      for (WaitForGraph set : sets) {
        for (WaitForGraph.Cycle c : set.cycles()) {
          known.add(c.threadIds());
          if (!c.alreadyReported()) {
            fresh.add(c.report());
          }
        }
      }
      Set<ImmutableList<Long>> jvmCycles = new HashSet<>();
      for (Map.Entry<ImmutableList<Long>, List<Party>> c : jvm) {
        jvmCycles.add(c.getKey());
        if (!known.contains(c.getKey()) && !lastJvmCycles.contains(c.getKey())) {
          fresh.add(Reports.deadlock(c.getValue()));
        }
      }
      lastJvmCycles = jvmCycles;
      scans++;
    }
    for (DeadlockReport r : fresh) {
      try {
        listener.onDeadlock(r);
      } catch (Throwable t) { // a failing listener must not stop the reports, nor the watchdog
        LOG.log(Level.WARNING, "deadlock listener failed on: " + r.summary(), t);
      }
    }
  }

  private void scanSafely() {
    try {
      scanNow();
    } catch (Throwable t) { // any throwable would end scheduleWithFixedDelay for good, silently
      LOG.log(Level.WARNING, "deadlock watchdog scan failed", t);
    }
  }

  /** Stops scanning and waits up to a second for the watchdog thread to end. */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
