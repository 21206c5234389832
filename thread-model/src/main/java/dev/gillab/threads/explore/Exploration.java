package dev.gillab.threads.explore;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Maps;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an exploration found: how many schedules it ran, how many of them ended in each {@link
 * Outcome}, and the findings themselves (each an {@link Execution} with its schedule and trace
 * table), in the order found. Immutable.
 */
public final class Exploration {
  private final String programName;
  private final String mode;
  private final long schedules;
  private final boolean complete;
  private final ImmutableMap<Outcome, Long> outcomes;
  private final ImmutableList<Execution> findings;
  private final Duration elapsed;

  Exploration(
      String programName,
      String mode,
      long schedules,
      boolean complete,
      Map<Outcome, Long> outcomes,
      ImmutableList<Execution> findings,
      Duration elapsed) {
    this.programName = programName;
    this.mode = mode;
    this.schedules = schedules;
    this.complete = complete;
    EnumMap<Outcome, Long> all = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.values()) {
      all.put(o, outcomes.getOrDefault(o, 0L));
    }
    this.outcomes = Maps.immutableEnumMap(all);
    this.findings = findings;
    this.elapsed = elapsed;
  }

  /**
   * The program that was explored.
   *
   * @return the name the program was built with
   */
  public String programName() {
    return programName;
  }

  /**
   * How the schedules were chosen; a random mode names its seed, so the run can be repeated.
   *
   * @return {@code "exhaustive"} or {@code "random(seed=…, runs=…)"}
   */
  public String mode() {
    return mode;
  }

  /**
   * How many runs (schedules) were executed.
   *
   * @return the number of runs, findings included
   */
  public long schedulesExplored() {
    return schedules;
  }

  /**
   * Whether an exhaustive search covered every schedule: only then does "no finding" prove that no
   * interleaving goes wrong.
   *
   * @return {@code true} when the search was not cut by a bound; {@code false} for random runs
   */
  public boolean isComplete() {
    return complete;
  }

  /**
   * How many runs ended in {@code outcome}.
   *
   * @param outcome any outcome
   * @return the number of runs, 0 if none
   */
  public long count(Outcome outcome) {
    return outcomes.get(outcome);
  }

  /**
   * How many runs ended in anything but {@link Outcome#PASSED}.
   *
   * @return the number of findings, reported or not
   */
  public long findingCount() {
    return schedules - count(Outcome.PASSED);
  }

  /**
   * The findings, in the order found: every one of them, up to the explorer's cap on reported
   * findings (counts always include all).
   *
   * @return the reported findings
   */
  public ImmutableList<Execution> findings() {
    return findings;
  }

  /**
   * The first finding, the one a lesson or a test usually prints.
   *
   * @return the first finding, or empty if every run passed
   */
  public Optional<Execution> firstFinding() {
    return findings.stream().findFirst();
  }

  /**
   * The first finding of one kind, say the first deadlock among lost updates.
   *
   * @param outcome the kind of finding wanted
   * @return the first reported finding with that outcome, or empty
   */
  public Optional<Execution> firstFinding(Outcome outcome) {
    return findings.stream().filter(e -> e.outcome() == outcome).findFirst();
  }

  /**
   * The wall-clock time the exploration took.
   *
   * @return from the first run's start to the last run's end
   */
  public Duration elapsed() {
    return elapsed;
  }

  /**
   * The exploration's speed: what bounds how many schedules a test can afford.
   *
   * @return runs per second of {@link #elapsed()}
   */
  public double schedulesPerSecond() {
    long nanos = Math.max(1, elapsed.toNanos());
    return schedules * 1e9 / nanos;
  }

  /**
   * One line: {@code "exhaustive: 6 schedules, 4 findings (INVARIANT_VIOLATED 4), complete"}.
   * Timing is left out so that the line is the same on every run; see {@link #speed()}.
   *
   * @return the summary, without a line break
   */
  public String summary() {
    StringBuilder s =
        new StringBuilder()
            .append(mode)
            .append(": ")
            .append(schedules)
            .append(schedules == 1 ? " schedule, " : " schedules, ")
            .append(findingCount())
            .append(findingCount() == 1 ? " finding" : " findings");
    StringBuilder kinds = new StringBuilder();
    for (Map.Entry<Outcome, Long> e : outcomes.entrySet()) {
      if (e.getKey().isFinding() && e.getValue() > 0) {
        kinds
            .append(kinds.length() == 0 ? "" : ", ")
            .append(e.getKey())
            .append(' ')
            .append(e.getValue());
      }
    }
    if (kinds.length() > 0) {
      s.append(" (").append(kinds).append(')');
    }
    if (mode.equals("exhaustive")) {
      s.append(complete ? ", complete" : ", cut off by the schedule bound");
    }
    return s.toString();
  }

  /**
   * How fast it went.
   *
   * @return e.g. {@code "6 schedules in 4.1 ms (1,463 schedules/s)"}
   */
  public String speed() {
    return String.format(
        Locale.ROOT,
        "%d schedules in %.1f ms (%,.0f schedules/s)",
        schedules,
        elapsed.toNanos() / 1e6,
        schedulesPerSecond());
  }

  @Override
  public String toString() {
    return programName + " — " + summary();
  }
}
