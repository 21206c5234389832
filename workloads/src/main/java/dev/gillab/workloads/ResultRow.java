package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.jspecify.annotations.Nullable;

/**
 * One measured mode of one experiment: a row of the table and an entry of the JSON {@code results}
 * array. {@code gilSwitches} and {@code gilWaitPercent} are {@code null} where the run has no GIL
 * to measure: the free-threaded modes, and every mode under the policy {@code none}. The others
 * report the GIL they ran under (sequential its one thread's; processes and subinterpreters their
 * own interpreters'). {@code runs} is how many timed runs the median is of; {@code ciLowSeconds}
 * and {@code ciHighSeconds} are its 95 % interval ({@link MedianInterval}), {@code null} with fewer
 * than 6 runs.
 *
 * @param experiment the experiment's name, e.g. {@code cpu}
 * @param mode the mode's label, e.g. {@code threads-gil} ({@link Mode#label()})
 * @param policy the switching policy's label, e.g. {@code interval(5ms)}
 * @param workers the workers the mode ran, at least 1
 * @param medianSeconds the median wall time of the timed runs, in seconds; not negative
 * @param speedup the sequential mode's median over this one's: how many times as fast it ran
 * @param gilSwitches the median count of GIL switches in a run, or null where the mode has no GIL
 *     to measure
 * @param gilWaitPercent the median percent of the threads' GIL time spent waiting for it, or null
 *     where the mode has no GIL to measure
 * @param runs how many timed runs the median is of
 * @param ciLowSeconds the low end of the median's 95 % interval, in seconds, or null
 * @param ciHighSeconds the high end of the median's 95 % interval, in seconds, or null
 */
public record ResultRow(
    String experiment,
    String mode,
    String policy,
    int workers,
    double medianSeconds,
    double speedup,
    @Nullable Long gilSwitches,
    @Nullable Double gilWaitPercent,
    int runs,
    @Nullable Double ciLowSeconds,
    @Nullable Double ciHighSeconds) {

  /**
   * Checks the names are given, {@code workers} is at least 1, and neither {@code medianSeconds}
   * nor {@code runs} is negative.
   *
   * @param experiment the experiment's name, e.g. {@code cpu}
   * @param mode the mode's label, e.g. {@code threads-gil} ({@link Mode#label()})
   * @param policy the switching policy's label, e.g. {@code interval(5ms)}
   * @param workers the workers the mode ran, at least 1
   * @param medianSeconds the median wall time of the timed runs, in seconds; not negative
   * @param speedup the sequential mode's median over this one's: how many times as fast it ran
   * @param gilSwitches the median count of GIL switches in a run, or null where the mode has no GIL
   *     to measure
   * @param gilWaitPercent the median percent of the threads' GIL time spent waiting for it, or null
   *     where the mode has no GIL to measure
   * @param runs how many timed runs the median is of
   * @param ciLowSeconds the low end of the median's 95 % interval, in seconds, or null
   * @param ciHighSeconds the high end of the median's 95 % interval, in seconds, or null
   * @throws NullPointerException if {@code experiment}, {@code mode} or {@code policy} is null
   * @throws IllegalArgumentException if {@code workers}, {@code medianSeconds} or {@code runs} is
   *     out of bounds
   */
  public ResultRow {
    checkNotNull(experiment, "experiment");
    checkNotNull(mode, "mode");
    checkNotNull(policy, "policy");
    checkArgument(workers >= 1, "workers must be at least 1, was %s", workers);
    checkArgument(medianSeconds >= 0, "medianSeconds must not be negative, was %s", medianSeconds);
    checkArgument(runs >= 0, "runs must not be negative, was %s", runs);
  }

  /**
   * A row of one run, with no interval.
   *
   * @param experiment the experiment's name, e.g. {@code cpu}
   * @param mode the mode's label, e.g. {@code threads-gil} ({@link Mode#label()})
   * @param policy the switching policy's label, e.g. {@code interval(5ms)}
   * @param workers the workers the mode ran, at least 1
   * @param medianSeconds the run's wall time, in seconds; not negative
   * @param speedup the sequential mode's median over this one's: how many times as fast it ran
   * @param gilSwitches the GIL switches in the run, or null where the mode has no GIL to measure
   * @param gilWaitPercent the percent of the threads' GIL time spent waiting for it, or null where
   *     the mode has no GIL to measure
   * @throws NullPointerException if {@code experiment}, {@code mode} or {@code policy} is null
   * @throws IllegalArgumentException if {@code workers} is below 1 or {@code medianSeconds} is
   *     negative
   */
  public ResultRow(
      String experiment,
      String mode,
      String policy,
      int workers,
      double medianSeconds,
      double speedup,
      @Nullable Long gilSwitches,
      @Nullable Double gilWaitPercent) {
    this(
        experiment,
        mode,
        policy,
        workers,
        medianSeconds,
        speedup,
        gilSwitches,
        gilWaitPercent,
        1,
        null,
        null);
  }
}
