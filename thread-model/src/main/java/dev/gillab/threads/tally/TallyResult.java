package dev.gillab.threads.tally;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.gillab.threads.tally.internal.TextTable;
import dev.gillab.threads.tally.internal.TextTable.Align;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a tally run saw: how many rounds ran, which bound stopped it, and how often each outcome
 * came up, graded.
 *
 * <p>The rows are the declared outcomes in the order they were declared (those never seen show 0
 * samples), then any outcome nobody declared, in the order of its text, graded by the catch-all.
 * {@link #table()} depends only on the counts; {@link #summary()} also shows the elapsed time.
 *
 * <p>Immutable and thread-safe, provided the outcomes themselves are (strings, numbers, records of
 * those).
 *
 * @param <R> the outcome type
 */
public final class TallyResult<R> {

  /**
   * One line of the table; immutable if its outcome is.
   *
   * @param <R> the outcome type
   * @param outcome the outcome the line counts
   * @param samples how many rounds ended in it
   * @param expect its grade
   * @param description what it means
   * @param declared whether the tally declared it, or the catch-all graded it
   */
  public record Row<R>(
      R outcome, long samples, Expect expect, String description, boolean declared) {}

  private final String name;
  private final long rounds;
  private final StopReason stoppedBy;
  private final Duration elapsed;
  private final ImmutableList<Row<R>> rows;
  private final ImmutableMap<R, Row<R>> byOutcome;
  private final Expect catchAll;

  TallyResult(
      String name,
      long rounds,
      StopReason stoppedBy,
      Duration elapsed,
      List<Row<R>> rows,
      Expect catchAll) {
    this.name = name;
    this.rounds = rounds;
    this.stoppedBy = stoppedBy;
    this.elapsed = elapsed;
    this.rows = ImmutableList.copyOf(rows);
    this.byOutcome = this.rows.stream().collect(ImmutableMap.toImmutableMap(Row::outcome, r -> r));
    this.catchAll = catchAll;
  }

  /**
   * The tally's name.
   *
   * @return the name the tally was built with
   */
  public String name() {
    return name;
  }

  /**
   * Rounds run and tallied.
   *
   * @return the number of rounds, also the total of all samples; at least 1
   */
  public long rounds() {
    return rounds;
  }

  /**
   * Which bound ended the run: a time bound on a slow machine means fewer rounds, so rarer outcomes
   * may not show.
   *
   * @return the round bound or the time bound
   */
  public StopReason stoppedBy() {
    return stoppedBy;
  }

  /**
   * How long the run took, by the tally's ticker.
   *
   * @return the elapsed time
   */
  public Duration elapsed() {
    return elapsed;
  }

  /**
   * How many rounds ended in {@code outcome}.
   *
   * @param outcome any outcome, declared or not
   * @return its count; 0 if it never came up
   */
  public long samples(R outcome) {
    Row<R> row = byOutcome.get(checkNotNull(outcome, "outcome"));
    return row == null ? 0 : row.samples();
  }

  /**
   * Samples per outcome seen, in table order.
   *
   * @return the counts, none of them 0
   */
  public ImmutableMap<R, Long> samples() {
    return rows.stream()
        .filter(r -> r.samples() > 0)
        .collect(ImmutableMap.toImmutableMap(Row::outcome, Row::samples));
  }

  /**
   * The grade of {@code outcome}.
   *
   * @param outcome any outcome, seen or not
   * @return its declared grade, or the catch-all's
   */
  public Expect grade(R outcome) {
    Row<R> row = byOutcome.get(checkNotNull(outcome, "outcome"));
    return row == null ? catchAll : row.expect();
  }

  /**
   * Whether any round ended in an outcome graded {@link Expect#FORBIDDEN}: the one question a test
   * must ask.
   *
   * @return {@code true} if the code under test was seen to break
   */
  public boolean sawForbidden() {
    return !seen(Expect.FORBIDDEN).isEmpty();
  }

  /**
   * Whether any round ended in an outcome graded {@link Expect#ACCEPTABLE_INTERESTING}: whether the
   * race a lesson wants to show did show.
   *
   * @return {@code true} if such an outcome came up
   */
  public boolean sawInteresting() {
    return !seen(Expect.ACCEPTABLE_INTERESTING).isEmpty();
  }

  /**
   * The outcomes seen with one grade.
   *
   * @param grade the grade asked about
   * @return the outcomes with that grade that came up at least once, in table order
   */
  public ImmutableSet<R> seen(Expect grade) {
    return rows.stream()
        .filter(r -> r.samples() > 0 && r.expect() == grade)
        .map(Row::outcome)
        .collect(ImmutableSet.toImmutableSet());
  }

  /**
   * Every row of the table, in table order.
   *
   * @return the declared outcomes, then the undeclared ones seen
   */
  public ImmutableList<Row<R>> rows() {
    return rows;
  }

  /**
   * The table: a header line with RESULT, SAMPLES, FREQ, EXPECT, DESCRIPTION, then a line per row.
   * Samples use digit grouping, frequencies two decimals (both in {@link Locale#ROOT}).
   *
   * @return the table, one line per row; the same for the same counts
   */
  public String table() {
    TextTable table =
        new TextTable(
            List.of("RESULT", "SAMPLES", "FREQ", "EXPECT", "DESCRIPTION"),
            List.of(Align.LEFT, Align.RIGHT, Align.RIGHT, Align.LEFT, Align.LEFT));
    for (Row<R> row : rows) {
      double percent = rounds == 0 ? 0 : 100.0 * row.samples() / rounds;
      table.row(
          String.valueOf(row.outcome()),
          String.format(Locale.ROOT, "%,d", row.samples()),
          String.format(Locale.ROOT, "%.2f%%", percent),
          row.expect().name(),
          row.description());
    }
    return table.render();
  }

  /**
   * One line about the run as a whole.
   *
   * @return e.g. {@code "x++ race: 20,000 rounds in 41 ms, stopped by the round bound"}
   */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%s: %,d rounds in %,d ms, stopped by %s",
        name,
        rounds,
        elapsed.toMillis(),
        stoppedBy.text());
  }

  /** The summary line, then the table. */
  @Override
  public String toString() {
    return summary() + "\n" + table();
  }
}
