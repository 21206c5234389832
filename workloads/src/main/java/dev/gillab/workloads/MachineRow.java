package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The machine around one experiment, an entry of the JSON {@code machine} array: how long it ran,
 * the load average before and after, the cores this JVM and its worker JVMs used on average, the
 * cores other work used where the OS tells ({@code otherCores}), and, when {@link Trust} found the
 * figures untrustworthy, why ({@code busy}). Immutable.
 *
 * @param experiment e.g. {@code cpu}
 * @param seconds wall time from the sample before to the sample after
 * @param cores the cores the JVM sees
 * @param loadBefore 1-minute load average before, null where the OS gives none
 * @param loadAfter 1-minute load average after, null where the OS gives none
 * @param ownLoadBefore this run's own estimated share of {@code loadBefore} (see {@link Trust})
 * @param jvmCores this JVM's CPU time over the wall time
 * @param workerCores the worker JVMs' CPU time over the wall time (0 without processes)
 * @param otherCores the machine's busy time less this run's, over the wall time; null where unknown
 * @param busy why this experiment's figures are not to be trusted, or null
 */
public record MachineRow(
    String experiment,
    double seconds,
    int cores,
    @Nullable Double loadBefore,
    @Nullable Double loadAfter,
    double ownLoadBefore,
    double jvmCores,
    double workerCores,
    @Nullable Double otherCores,
    @Nullable String busy) {

  /**
   * Below this wall time the line prints no CPU shares: the OS counts busy time in ticks of about
   * 10 ms, so a few ticks over a few hundredths of a second can read as more cores than there are.
   */
  static final double MIN_SECONDS_FOR_SHARES = 0.1;

  /**
   * Checks the experiment is named and the core count.
   *
   * @param experiment the experiment's name
   * @param seconds wall time from the sample before to the sample after
   * @param cores the cores the JVM sees; at least 1
   * @param loadBefore load average before, or null
   * @param loadAfter load average after, or null
   * @param ownLoadBefore this run's own estimated share of {@code loadBefore}
   * @param jvmCores this JVM's CPU time over the wall time
   * @param workerCores the worker JVMs' CPU time over the wall time
   * @param otherCores other work's CPU time over the wall time, or null where unknown
   * @param busy why the figures are not to be trusted, or null
   * @throws IllegalArgumentException if {@code cores} is below 1
   */
  public MachineRow {
    checkNotNull(experiment, "experiment");
    checkArgument(cores >= 1, "cores must be at least 1, was %s", cores);
  }

  /**
   * The stdout line, e.g. {@code machine: load 0.42 -> 0.95, this JVM had 1.93 of 2 cores}, with
   * the worker JVMs and other work where there were any; an experiment shorter than {@value
   * #MIN_SECONDS_FOR_SHARES} s gets its load only.
   *
   * @return the line, with no line separator; {@code unknown} for a load the OS did not give, and
   *     the busy reason after {@code ; busy:} where there is one, except on the load-only line of
   *     an experiment too short for CPU shares
   */
  public String line() {
    StringBuilder b =
        new StringBuilder("machine: load ")
            .append(load(loadBefore))
            .append(" -> ")
            .append(load(loadAfter));
    if (seconds < MIN_SECONDS_FOR_SHARES) {
      return b.append(
              String.format(Locale.ROOT, " (%.1f s: too short to measure CPU shares)", seconds))
          .toString();
    }
    b.append(String.format(Locale.ROOT, ", this JVM had %.2f of %d cores", jvmCores, cores));
    if (workerCores > 0.005) {
      b.append(String.format(Locale.ROOT, ", its worker JVMs %.2f more", workerCores));
    }
    if (otherCores != null) {
      b.append(String.format(Locale.ROOT, ", other work %.2f", otherCores));
    }
    b.append(String.format(Locale.ROOT, " (%.1f s)", seconds));
    if (busy != null) {
      b.append("; busy: ").append(busy);
    }
    return b.toString();
  }

  static String load(@Nullable Double l) {
    return l == null ? "unknown" : String.format(Locale.ROOT, "%.2f", l);
  }
}
