package dev.gillab.threads.explore;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.gillab.threads.explore.internal.TraceTable;
import org.jspecify.annotations.Nullable;

/**
 * One run of a program under one schedule: how it ended, the schedule that led there, the
 * trace of every step with the values it read and wrote, and the final state.
 *
 * <p>{@link #table()} renders the trace as a column per thread and a row per step, which is
 * how a learner reads an interleaving; {@link #schedule()} is the compact string that
 * {@link Explorer#replay} turns back into exactly this run. Immutable.
 */
public final class Execution {
  private final String programName;
  private final ImmutableList<String> threadNames;
  private final Outcome outcome;
  private final Schedule schedule;
  private final ImmutableList<TraceRow> trace;
  private final String verdict;
  private final @Nullable String finalState;
  private final @Nullable Throwable failure;
  private final ImmutableList<String> strandedThreads;

  Execution(
      String programName,
      ImmutableList<String> threadNames,
      Outcome outcome,
      ImmutableList<TraceRow> trace,
      String verdict,
      @Nullable String finalState,
      @Nullable Throwable failure,
      ImmutableList<String> strandedThreads) {
    this.programName = checkNotNull(programName);
    this.threadNames = checkNotNull(threadNames);
    this.outcome = checkNotNull(outcome);
    this.trace = checkNotNull(trace);
    this.schedule = Schedule.of(trace.stream().map(TraceRow::thread)::iterator);
    this.verdict = checkNotNull(verdict);
    this.finalState = finalState;
    this.failure = failure;
    this.strandedThreads = checkNotNull(strandedThreads);
  }

  public String programName() {
    return programName;
  }

  public Outcome outcome() {
    return outcome;
  }

  public boolean isFinding() {
    return outcome.isFinding();
  }

  public Schedule schedule() {
    return schedule;
  }

  public ImmutableList<TraceRow> trace() {
    return trace;
  }

  /**
   * One line on how the run ended, e.g. {@code "invariant 'x == 2' violated: x = 1"} or
   * {@code "deadlock: T1 waits at 'lock B'; T2 waits at 'lock A'"}.
   */
  public String verdict() {
    return verdict;
  }

  /** The final state as the program describes it, or {@code null} when the run did not finish. */
  public @Nullable String finalState() {
    return finalState;
  }

  /** What a failed step (or invariant) threw, or {@code null}. */
  public @Nullable Throwable failure() {
    return failure;
  }

  /**
   * Program threads that did not stop within the bound after the run was cut off (a step that
   * ignores interruption). Empty in every well-behaved run.
   */
  public ImmutableList<String> strandedThreads() {
    return strandedThreads;
  }

  /** The trace as a table (a column per thread, a row per step), the schedule and the verdict. */
  public String table() {
    return TraceTable.render(threadNames, trace)
        + "schedule: "
        + schedule
        + System.lineSeparator()
        + outcome
        + ": "
        + verdict
        + System.lineSeparator();
  }

  @Override
  public String toString() {
    return outcome + " [" + schedule + "] " + verdict;
  }
}
