package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Locale;

/**
 * Echo round trips alone and beside {@code cpuThreads} CPU-bound threads under one policy: an entry
 * of the JSON {@code convoy} array. {@code slowdown} is besideCpu / alone; {@code belowBaseline}
 * says the round trip beside CPU-bound threads measured faster than alone, which no policy can
 * cause: it is noise, and tables show no slowdown rather than a speed-up.
 */
public record ConvoyRow(
    String policy,
    int cpuThreads,
    double roundTripMicrosAlone,
    double roundTripMicrosBesideCpu,
    double slowdown,
    boolean belowBaseline) {

  public ConvoyRow {
    checkNotNull(policy, "policy");
    checkArgument(cpuThreads >= 1, "cpuThreads must be at least 1, was %s", cpuThreads);
  }

  public static ConvoyRow of(String policy, int cpuThreads, double alone, double besideCpu) {
    return new ConvoyRow(
        policy, cpuThreads, alone, besideCpu, alone > 0 ? besideCpu / alone : 0, besideCpu < alone);
  }

  /** The slowdown as tables print it: {@code 52.0x}, or {@code none} below the baseline. */
  public String slowdownText() {
    return belowBaseline ? NONE : String.format(Locale.ROOT, "%.1fx", slowdown);
  }

  /** What {@code none} in a slowdown column means; printed under a table that has one. */
  public static final String NONE_NOTE =
      "none: beside CPU-bound threads the round trip measured below its baseline, which no policy"
          + " can cause (noise): no slowdown, not a speed-up";

  private static final String NONE = "none";
}
