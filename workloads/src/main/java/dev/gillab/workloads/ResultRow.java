package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.jspecify.annotations.Nullable;

/**
 * One measured mode of one experiment: a row of the table and an entry of the JSON {@code results}
 * array. {@code gilSwitches} and {@code gilWaitPercent} are {@code null} where the mode has no GIL
 * to measure (sequential runs one thread; processes and free-threading report their own
 * interpreters' figures, or none). {@code runs} is how many timed runs the median is of; {@code
 * ciLowSeconds} and {@code ciHighSeconds} are its 95 % interval ({@link MedianInterval}), {@code
 * null} with fewer than 6 runs.
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

  public ResultRow {
    checkNotNull(experiment, "experiment");
    checkNotNull(mode, "mode");
    checkNotNull(policy, "policy");
    checkArgument(workers >= 1, "workers must be at least 1, was %s", workers);
    checkArgument(medianSeconds >= 0, "medianSeconds must not be negative, was %s", medianSeconds);
    checkArgument(runs >= 0, "runs must not be negative, was %s", runs);
  }

  /** A row of one run, with no interval. */
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
