package dev.gillab.workloads;

import com.google.common.collect.ImmutableList;
import dev.gillab.workloads.internal.TaskReport;
import java.util.List;

/**
 * What one experiment's run produced: its rows, the modes it skipped and why, and, for an
 * experiment with a {@code processes} mode, the worker tasks of its last timed {@code processes}
 * run (pids and intervals; empty for the others). Immutable.
 *
 * @param <R> the experiment's row type
 * @param rows the experiment's rows, in the order its table shows them
 * @param skipped the modes it did not run, each with the reason
 * @param processTasks the worker tasks of the last timed {@code processes} run, if any
 */
public record Outcome<R>(List<R> rows, List<SkippedRow> skipped, List<TaskReport> processTasks) {
  /**
   * Copies the lists.
   *
   * @param rows the experiment's rows, in the order its table shows them
   * @param skipped the modes it did not run, each with the reason
   * @param processTasks the worker tasks of the last timed {@code processes} run, if any
   */
  public Outcome {
    rows = ImmutableList.copyOf(rows);
    skipped = ImmutableList.copyOf(skipped);
    processTasks = ImmutableList.copyOf(processTasks);
  }

  /**
   * An experiment's rows and skipped modes, with no worker tasks.
   *
   * @param rows the experiment's rows, in the order its table shows them
   * @param skipped the modes it did not run, each with the reason
   */
  public Outcome(List<R> rows, List<SkippedRow> skipped) {
    this(rows, skipped, List.of());
  }
}
