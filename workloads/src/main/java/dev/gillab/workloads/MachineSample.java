package dev.gillab.workloads;

/**
 * What the machine looked like at one moment of a run: the time ({@link System#nanoTime()}), the
 * 1-minute load average, the CPU time this JVM has used, the CPU time its worker JVMs (the {@code
 * processes} mode's children) have used as far as they could be seen, and the CPU time the whole
 * machine has been busy (every core, other work and time stolen by a hypervisor included). Two
 * samples around an experiment give its load, its CPU share and other work's. Immutable.
 *
 * @param nanoTime {@link System#nanoTime()} when it was taken
 * @param loadAverage the 1-minute load average, or {@link Double#NaN} where the OS gives none
 * @param jvmCpuNanos CPU time of this JVM since it started
 * @param childCpuNanos CPU time of the worker JVMs seen so far (0 when there were none)
 * @param machineBusyNanos CPU time every core spent busy since boot, or -1 where unknown (only
 *     Linux's {@code /proc/stat} gives it)
 */
public record MachineSample(
    long nanoTime,
    double loadAverage,
    long jvmCpuNanos,
    long childCpuNanos,
    long machineBusyNanos) {

  /** {@return this run's CPU time in nanoseconds: the JVM's and its worker JVMs'} */
  public long ownCpuNanos() {
    return jvmCpuNanos + childCpuNanos;
  }

  /** {@return whether the OS gave a load average, so {@link #loadAverage()} is not NaN} */
  public boolean hasLoadAverage() {
    return !Double.isNaN(loadAverage);
  }

  /**
   * {@return whether the machine's busy time is known, so {@link #machineBusyNanos()} is not -1}
   */
  public boolean hasMachineBusy() {
    return machineBusyNanos >= 0;
  }
}
