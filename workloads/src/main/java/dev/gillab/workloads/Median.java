package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.math.Quantiles;

/**
 * The median of a few timings: robust to the odd slow run on a shared machine. Guava's {@link
 * Quantiles} computes it (the mean of the middle two for an even count), so no module sorts by
 * hand.
 */
public final class Median {
  private Median() {}

  /**
   * The median of {@code values}, which it leaves unchanged.
   *
   * @param values the timings, in any order and any unit
   * @return their median, in their unit: the middle value, or the mean of the middle two for an
   *     even count
   * @throws IllegalArgumentException if {@code values} is empty
   */
  public static double of(double... values) {
    checkArgument(values.length > 0, "the median of nothing is undefined");
    return Quantiles.median().compute(values);
  }
}
