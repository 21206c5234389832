package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Locale;

/**
 * Echo round trips alone and beside {@code cpuThreads} CPU-bound threads under one policy: an entry
 * of the JSON {@code convoy} array. {@code slowdown} is besideCpu / alone; {@code belowBaseline}
 * says the round trip beside CPU-bound threads measured faster than alone, which no policy can
 * cause: it is noise, and tables show no slowdown rather than a speed-up. Immutable.
 *
 * @param policy the policy's label, e.g. {@code interval(5ms)}
 * @param cpuThreads the CPU-bound threads beside the echo thread; at least 1
 * @param roundTripMicrosAlone the median round trip with no CPU-bound thread, in microseconds
 * @param roundTripMicrosBesideCpu the median round trip beside {@code cpuThreads} CPU-bound
 *     threads, in microseconds
 * @param slowdown {@code roundTripMicrosBesideCpu / roundTripMicrosAlone}
 * @param belowBaseline whether the round trip beside CPU-bound threads measured below the one alone
 */
public record ConvoyRow(
    String policy,
    int cpuThreads,
    double roundTripMicrosAlone,
    double roundTripMicrosBesideCpu,
    double slowdown,
    boolean belowBaseline) {

  /**
   * Checks the policy is given and there is a CPU-bound thread.
   *
   * @param policy the policy's label
   * @param cpuThreads the CPU-bound threads; at least 1
   * @param roundTripMicrosAlone the median round trip alone, in microseconds
   * @param roundTripMicrosBesideCpu the median round trip beside the CPU-bound threads, in
   *     microseconds
   * @param slowdown beside over alone
   * @param belowBaseline whether beside measured below alone
   * @throws IllegalArgumentException if {@code cpuThreads} is below 1
   */
  public ConvoyRow {
    checkNotNull(policy, "policy");
    checkArgument(cpuThreads >= 1, "cpuThreads must be at least 1, was %s", cpuThreads);
  }

  /**
   * The row of two medians, with the slowdown and the below-baseline flag worked out from them.
   *
   * @param policy the policy's label
   * @param cpuThreads the CPU-bound threads; at least 1
   * @param alone the median round trip alone, in microseconds
   * @param besideCpu the median round trip beside the CPU-bound threads, in microseconds
   * @return the row; its slowdown is 0 if {@code alone} is not positive
   * @throws IllegalArgumentException if {@code cpuThreads} is below 1
   */
  public static ConvoyRow of(String policy, int cpuThreads, double alone, double besideCpu) {
    return new ConvoyRow(
        policy, cpuThreads, alone, besideCpu, alone > 0 ? besideCpu / alone : 0, besideCpu < alone);
  }

  /**
   * {@return the slowdown as tables print it: {@code 52.0x}, or {@code none} below the baseline}
   */
  public String slowdownText() {
    return belowBaseline ? NONE : String.format(Locale.ROOT, "%.1fx", slowdown);
  }

  /** What {@code none} in a slowdown column means; printed under a table that has one. */
  public static final String NONE_NOTE =
      "none: beside CPU-bound threads the round trip measured below its baseline, which no policy"
          + " can cause (noise): no slowdown, not a speed-up";

  private static final String NONE = "none";
}
