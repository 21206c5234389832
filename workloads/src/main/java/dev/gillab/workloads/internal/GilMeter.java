package dev.gillab.workloads.internal;

import com.google.errorprone.annotations.ThreadSafe;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Measures how much of its threads' time went to waiting for the GIL, from outside the {@code
 * gil} module (whose part 1 keeps no wait figures).
 *
 * <p>How: the JVM's thread contention monitoring ({@link ThreadMXBean#getThreadInfo(long)}'s
 * waited time) counts every moment a thread spends parked, which for an interpreter thread is
 * waiting to take the GIL, waiting for a forced switch after dropping it, or sleeping in a
 * GIL-releasing host function. The IO host functions report their sleeps here ({@link
 * #addSleepNanos}) and they are subtracted; socket reads do not park a platform thread, so they
 * are not in the waited time to begin with. Each metered thread reads its own figures as its
 * last act. Resolution: the JVM reports milliseconds. A virtual thread has no such figures:
 * then {@link #waitPercent()} is null, and tables print a dash.
 *
 * <p>Thread-safe: metered threads add their figures with atomics.
 */
@ThreadSafe
public final class GilMeter {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
  private static final boolean SUPPORTED = enable();
  private static final ThreadLocal<long[]> SLEPT = ThreadLocal.withInitial(() -> new long[1]);

  private final AtomicLong lifetimeNanos = new AtomicLong();
  private final AtomicLong gilWaitNanos = new AtomicLong();
  private final AtomicBoolean unmeasured = new AtomicBoolean(!SUPPORTED);

  private static boolean enable() {
    try {
      if (!MX.isThreadContentionMonitoringSupported()) {
        return false;
      }
      MX.setThreadContentionMonitoringEnabled(true);
      return true;
    } catch (UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** Records that the current thread slept {@code nanos} with the GIL released. */
  public static void addSleepNanos(long nanos) {
    SLEPT.get()[0] += nanos;
  }

  /** A factory whose threads run as {@code base}'s do, then add their figures to this meter. */
  public ThreadFactory wrap(ThreadFactory base) {
    return r -> base.newThread(metered(r));
  }

  /** {@code body}, followed on the same thread by adding its figures to this meter. */
  public Runnable metered(Runnable body) {
    return () -> {
      long start = System.nanoTime();
      SLEPT.get()[0] = 0;
      try {
        body.run();
      } finally {
        record(System.nanoTime() - start);
      }
    };
  }

  /** Adds another meter's (or another process's) figures. */
  public void add(long lifetime, long gilWait, boolean measured) {
    lifetimeNanos.addAndGet(lifetime);
    gilWaitNanos.addAndGet(gilWait);
    if (!measured) {
      unmeasured.set(true);
    }
  }

  private void record(long lifetime) {
    long slept = SLEPT.get()[0];
    ThreadInfo info = SUPPORTED ? MX.getThreadInfo(Thread.currentThread().getId()) : null;
    if (info == null || info.getWaitedTime() < 0) {
      add(lifetime, 0, false);
      return;
    }
    long waited = info.getWaitedTime() * 1_000_000L;
    add(lifetime, Math.max(0, waited - slept), true);
  }

  public long lifetimeNanos() {
    return lifetimeNanos.get();
  }

  public long gilWaitNanos() {
    return gilWaitNanos.get();
  }

  /** Whether every metered thread could be measured. */
  public boolean measured() {
    return !unmeasured.get();
  }

  /** Percent of the metered threads' time spent waiting for the GIL, or null if unmeasured. */
  public @Nullable Double waitPercent() {
    long life = lifetimeNanos.get();
    if (unmeasured.get() || life <= 0) {
      return null;
    }
    return 100.0 * gilWaitNanos.get() / life;
  }
}
