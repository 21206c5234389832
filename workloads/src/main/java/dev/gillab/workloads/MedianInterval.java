package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.Optional;

/**
 * A distribution-free 95 % confidence interval for the median of timings, and the test the adaptive
 * mode repeats runs until: is the interval within a given share of the median?
 *
 * <p>The interval is a pair of order statistics. Of n independent timings, the number below the
 * true median is Binomial(n, ½) whatever the distribution of the timings, so [x<sub>(j)</sub>,
 * x<sub>(n−j+1)</sub>] (1-based, sorted) holds the median with probability 1 − 2·P(B ≤ j−1); the
 * interval is the narrowest such pair with at least 95 %. No pair reaches 95 % below 6 timings
 * (with 6, [min, max] has 1 − 2/64 ≈ 96.9 %), so fewer have no interval. Nothing is assumed about
 * the shape of the timings — which on a shared machine are skewed to the right — and no random
 * numbers are drawn, so the same timings always give the same answer. Stateless.
 */
public final class MedianInterval {
  /** The confidence of the interval. */
  public static final double CONFIDENCE = 0.95;

  /** The fewest timings that have a 95 % interval. */
  public static final int MIN_SAMPLES = 6;

  private MedianInterval() {}

  /**
   * The interval: its low and high ends and the median they surround.
   *
   * @param low the low end, one of the timings
   * @param median the timings' median
   * @param high the high end, one of the timings
   */
  public record Interval(double low, double median, double high) {
    /**
     * {@return the larger distance from the median to an end, as a share of the median (0.05 for 5
     * %); 0 when the median is 0}
     */
    public double halfWidthShare() {
      return median == 0 ? 0 : Math.max(high - median, median - low) / Math.abs(median);
    }

    /**
     * Whether both ends are within {@code share} of the median (0.05 for 5 %).
     *
     * @param share the largest distance allowed from the median to an end, as a share of the median
     * @return true if neither end is farther from the median than that
     */
    public boolean within(double share) {
      return low >= median - share * Math.abs(median) && high <= median + share * Math.abs(median);
    }
  }

  /**
   * The 95 % interval of the median of {@code values}, or empty with fewer than 6.
   *
   * @param values the timings, in any order and any unit; left unchanged
   * @return the interval, in the timings' unit, or empty with fewer than {@link #MIN_SAMPLES}
   * @throws IllegalArgumentException if there are more than 1,000 timings
   */
  public static Optional<Interval> of(double... values) {
    int n = values.length;
    if (n < MIN_SAMPLES) {
      return Optional.empty();
    }
    checkArgument(n <= 1000, "at most 1,000 timings, got %s", n);
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    // P(B <= k) for B ~ Binomial(n, 1/2), walking k up while the coverage stays >= 95 %.
    double pmf = Math.pow(0.5, n); // P(B = 0)
    double cdf = pmf;
    int j = 1; // [x(1), x(n)]: coverage 1 - 2 P(B <= 0)
    while (j < n / 2) {
      pmf = pmf * (n - j + 1) / j; // P(B = j)
      double next = cdf + pmf; // P(B <= j): the coverage of [x(j+1), x(n-j)] is 1 - 2 next
      if (1 - 2 * next < CONFIDENCE) {
        break;
      }
      cdf = next;
      j++;
    }
    return Optional.of(new Interval(sorted[j - 1], Median.of(values), sorted[n - j]));
  }
}
