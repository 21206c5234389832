package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;

/**
 * The adaptive mode of {@code --adaptive}: after the usual timed runs, keep going until the 95 %
 * interval of every mode's median ({@link MedianInterval}) is within {@link #WITHIN} of it, or
 * until the timed runs of one batch have taken {@code maxTime} (the modes of {@code cpu}, which
 * take turns, are one batch; each mode of {@code io} is one), or until {@link #MAX_RUNS}. Only
 * {@code cpu} and {@code io} adapt: the convoy and the race keep their fixed rounds. Immutable.
 *
 * @param maxTime the time cap of one batch of timed runs ({@code --max-time})
 */
public record Adaptive(Duration maxTime) {
  /** How close the interval must be: 5 % of the median on either side. */
  public static final double WITHIN = 0.05;

  /** Never more runs than this per mode, whatever the cap. */
  public static final int MAX_RUNS = 100;

  /** The cap when {@code --max-time} is not given. */
  public static final Duration DEFAULT_MAX_TIME = Duration.ofSeconds(60);

  /**
   * Checks the cap.
   *
   * @param maxTime the time cap of one batch of timed runs; positive
   * @throws IllegalArgumentException if {@code maxTime} is zero or negative
   */
  public Adaptive {
    checkArgument(
        maxTime.compareTo(Duration.ZERO) > 0, "maxTime must be positive, was %s", maxTime);
  }

  /** {@return the cap as the tables print it, in seconds: {@code 60 s}, {@code 2.5 s}} */
  public String capLabel() {
    return java.math.BigDecimal.valueOf(maxTime.toMillis(), 3).stripTrailingZeros().toPlainString()
        + " s";
  }

  /**
   * Whether another round is due: some timings not yet tight, time and runs left.
   *
   * @param timings each mode's timed runs so far, in seconds
   * @param runs the timed rounds made so far (each mode ran once in each)
   * @param elapsedNanos the time the timed rounds have taken so far, in nanoseconds
   * @return true if fewer than {@link #MAX_RUNS} rounds ran, less than {@link #maxTime()} has
   *     passed, and some mode's timings have no interval yet (fewer than {@link
   *     MedianInterval#MIN_SAMPLES}) or one wider than {@link #WITHIN} of the median
   */
  public boolean goOn(Iterable<double[]> timings, int runs, long elapsedNanos) {
    if (runs >= MAX_RUNS || elapsedNanos >= maxTime.toNanos()) {
      return false;
    }
    for (double[] t : timings) {
      if (MedianInterval.of(t).map(i -> !i.within(WITHIN)).orElse(true)) {
        return true;
      }
    }
    return false;
  }
}
