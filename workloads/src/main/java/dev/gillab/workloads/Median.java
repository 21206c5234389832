package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/** The median of a few timings: robust to the odd slow run on a shared machine. */
public final class Median {
  private Median() {}

  public static double of(double... values) {
    checkArgument(values.length > 0, "the median of nothing is undefined");
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
