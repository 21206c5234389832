package dev.gillab.threads.explore;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Lists;
import dev.gillab.threads.explore.internal.TraceTable;
import org.jspecify.annotations.Nullable;

/**
 * One run of a program under one schedule: how it ended, the schedule that led there, the trace of
 * every step with the values it read and wrote, and the final state.
 *
 * <p>{@link #table()} renders the trace as a column per thread and a row per step, which is how a
 * learner reads an interleaving; {@link #schedule()} is the compact string that {@link
 * Explorer#replay} turns back into exactly this run. Immutable.
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
    this.schedule = Schedule.of(Lists.transform(trace, TraceRow::thread));
    this.verdict = checkNotNull(verdict);
    this.finalState = finalState;
    this.failure = failure;
    this.strandedThreads = checkNotNull(strandedThreads);
  }

  /**
   * The program this run belongs to.
   *
   * @return the name the program was built with
   */
  public String programName() {
    return programName;
  }

  /**
   * How the run ended.
   *
   * @return the outcome; anything but {@link Outcome#PASSED} is a finding
   */
  public Outcome outcome() {
    return outcome;
  }

  /**
   * Whether this run is worth showing: it deadlocked, broke the invariant or failed.
   *
   * @return {@code outcome().isFinding()}
   */
  public boolean isFinding() {
    return outcome.isFinding();
  }

  /**
   * The schedule that led to this run; {@link Explorer#replay} with it runs it again, step for
   * step.
   *
   * @return one thread name per executed step
   */
  public Schedule schedule() {
    return schedule;
  }

  /**
   * Every executed step, in order, with the note it returned.
   *
   * @return the trace, one row per step
   */
  public ImmutableList<TraceRow> trace() {
    return trace;
  }

  /**
   * One line on how the run ended, e.g. {@code "invariant 'x == 2' violated: x = 1"} or {@code
   * "deadlock: T1 waits at 'lock B'; T2 waits at 'lock A'"}.
   *
   * @return the verdict, without a line break
   */
  public String verdict() {
    return verdict;
  }

  /**
   * The final state as the program describes it: what a lost update leaves behind.
   *
   * @return the description, or {@code null} when the run did not finish
   */
  public @Nullable String finalState() {
    return finalState;
  }

  /**
   * What a failed step (or invariant) threw.
   *
   * @return the throwable, or {@code null} unless the outcome is {@link Outcome#STEP_FAILED}
   */
  public @Nullable Throwable failure() {
    return failure;
  }

  /**
   * Program threads that did not stop within the bound after the run was cut off (a step that
   * ignores interruption). Empty in every well-behaved run.
   *
   * @return the names of the threads left running
   */
  public ImmutableList<String> strandedThreads() {
    return strandedThreads;
  }

  /**
   * The trace as a table (a column per thread, a row per step), the schedule and the verdict: the
   * interleaving as a learner reads it.
   *
   * @return the table, lines ended by the platform's line separator
   */
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
