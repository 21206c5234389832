package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A mode an experiment did not run, and why: the JSON {@code skipped} array, and the lines under a
 * table. A skipped mode never gets a number. Immutable.
 *
 * @param experiment the experiment, e.g. {@code io}
 * @param mode the mode it did not run, e.g. {@code virtual-threads}
 * @param policy the label of the policy the experiment ran under
 * @param reason why, in a few words a reader of the table understands
 */
public record SkippedRow(String experiment, String mode, String policy, String reason) {
  /**
   * Checks every field is given.
   *
   * @param experiment the experiment
   * @param mode the mode it did not run
   * @param policy the policy's label
   * @param reason why
   */
  public SkippedRow {
    checkNotNull(experiment, "experiment");
    checkNotNull(mode, "mode");
    checkNotNull(policy, "policy");
    checkNotNull(reason, "reason");
  }
}
