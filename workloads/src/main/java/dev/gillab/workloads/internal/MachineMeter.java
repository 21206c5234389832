package dev.gillab.workloads.internal;

import com.google.common.base.CharMatcher;
import com.google.common.base.Splitter;
import dev.gillab.workloads.MachineSample;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes {@link MachineSample}s from the OS: the load average and the JVM's CPU time from the
 * platform MX bean, the machine's busy time from {@code /proc/stat}, and the worker JVMs' CPU time
 * from their process handles.
 *
 * <p>A worker JVM's CPU time can only be read while it lives, and the pools that own them close at
 * the end of their experiment; so an experiment calls {@link #noteChildren()} just before it closes
 * a pool, and every sample notes them too. The ledger keeps each child's largest reading (keyed by
 * pid and start time, since pids are reused), so a child's CPU counts once however often it is
 * seen. Thread-safe.
 */
public final class MachineMeter {
  /** Linux reports {@code /proc/stat} in USER_HZ ticks, 100 a second on every architecture. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private static final Path PROC_STAT = Path.of("/proc/stat");

  private static final Map<String, Long> CHILDREN = new ConcurrentHashMap<>();

  private MachineMeter() {}

  /** The machine now. */
  public static MachineSample sample() {
    noteChildren();
    return new MachineSample(
        System.nanoTime(), loadAverage(), jvmCpuNanos(), childCpuNanos(), machineBusyNanos());
  }

  /** Reads the CPU time of every live descendant process into the ledger. */
  public static void noteChildren() {
    ProcessHandle.current()
        .descendants()
        .forEach(
            p -> {
              ProcessHandle.Info info = p.info();
              info.totalCpuDuration()
                  .ifPresent(
                      cpu ->
                          CHILDREN.merge(
                              p.pid()
                                  + "@"
                                  + info.startInstant().map(Instant::toString).orElse("?"),
                              cpu.toNanos(),
                              Math::max));
            });
  }

  /** CPU time of every child the ledger saw. */
  static long childCpuNanos() {
    return CHILDREN.values().stream().mapToLong(Long::longValue).sum();
  }

  static double loadAverage() {
    double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return l < 0 ? Double.NaN : l;
  }

  static long jvmCpuNanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      long t = sun.getProcessCpuTime();
      if (t >= 0) {
        return t;
      }
    }
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /** Busy time of all cores from the first line of {@code /proc/stat}, or -1. */
  static long machineBusyNanos() {
    if (!Files.isReadable(PROC_STAT)) {
      return -1;
    }
    try {
      List<String> lines = Files.readAllLines(PROC_STAT, StandardCharsets.US_ASCII);
      return lines.isEmpty() ? -1 : busyNanos(lines.get(0));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Busy time from {@code /proc/stat}'s {@code cpu} line: user, nice, system, irq, softirq and
   * steal (time a hypervisor gave to someone else is CPU this machine did not get); idle and iowait
   * are not busy, and guest time is already inside user. -1 if the line is not one.
   */
  public static long busyNanos(String cpuLine) {
    List<String> f = Splitter.on(CharMatcher.whitespace()).omitEmptyStrings().splitToList(cpuLine);
    if (f.size() < 8 || !f.get(0).equals("cpu")) {
      return -1;
    }
    long ticks = 0;
    for (int i : new int[] {1, 2, 3, 6, 7}) {
      ticks += Long.parseLong(f.get(i));
    }
    if (f.size() > 8) {
      ticks += Long.parseLong(f.get(8));
    }
    return ticks * NANOS_PER_TICK;
  }
}
