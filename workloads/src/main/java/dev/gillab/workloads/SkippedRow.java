package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A mode an experiment did not run, and why: the JSON {@code skipped} array, and the lines under a
 * table. A skipped mode never gets a number. Immutable.
 */
public record SkippedRow(String experiment, String mode, String policy, String reason) {
  public SkippedRow {
    checkNotNull(experiment, "experiment");
    checkNotNull(mode, "mode");
    checkNotNull(policy, "policy");
    checkNotNull(reason, "reason");
  }
}
