package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Echo round trips alone and beside {@code cpuThreads} CPU-bound threads under one policy: an
 * entry of the JSON {@code convoy} array. {@code slowdown} is besideCpu / alone.
 */
public record ConvoyRow(
    String policy,
    int cpuThreads,
    double roundTripMicrosAlone,
    double roundTripMicrosBesideCpu,
    double slowdown) {

  public ConvoyRow {
    checkNotNull(policy, "policy");
    checkArgument(cpuThreads >= 1, "cpuThreads must be at least 1, was %s", cpuThreads);
  }

  public static ConvoyRow of(String policy, int cpuThreads, double alone, double besideCpu) {
    return new ConvoyRow(policy, cpuThreads, alone, besideCpu, alone > 0 ? besideCpu / alone : 0);
  }
}
