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
 * What an exploration found: how many schedules it ran, how many of them ended in each
 * {@link Outcome}, and the findings themselves (each an {@link Execution} with its schedule and
 * trace table), in the order found. Immutable.
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

  public String programName() {
    return programName;
  }

  /** {@code "exhaustive"} or {@code "random(seed=…, runs=…)"}. */
  public String mode() {
    return mode;
  }

  /** How many runs (schedules) were executed. */
  public long schedulesExplored() {
    return schedules;
  }

  /** True when an exhaustive search covered every schedule (it was not cut by a bound). */
  public boolean isComplete() {
    return complete;
  }

  /** How many runs ended in {@code outcome}. */
  public long count(Outcome outcome) {
    return outcomes.get(outcome);
  }

  /** How many runs ended in anything but {@link Outcome#PASSED}. */
  public long findingCount() {
    return schedules - count(Outcome.PASSED);
  }

  /**
   * The findings, in the order found: every one of them, up to the explorer's cap on reported
   * findings (counts always include all).
   */
  public ImmutableList<Execution> findings() {
    return findings;
  }

  public Optional<Execution> firstFinding() {
    return findings.stream().findFirst();
  }

  public Optional<Execution> firstFinding(Outcome outcome) {
    return findings.stream().filter(e -> e.outcome() == outcome).findFirst();
  }

  public Duration elapsed() {
    return elapsed;
  }

  public double schedulesPerSecond() {
    long nanos = Math.max(1, elapsed.toNanos());
    return schedules * 1e9 / nanos;
  }

  /**
   * One line: {@code "exhaustive: 6 schedules, 4 findings (INVARIANT_VIOLATED 4), complete"}.
   * Timing is left out so that the line is the same on every run; see {@link #speed()}.
   */
  public String summary() {
    StringBuilder s = new StringBuilder()
        .append(mode).append(": ")
        .append(schedules).append(schedules == 1 ? " schedule, " : " schedules, ")
        .append(findingCount()).append(findingCount() == 1 ? " finding" : " findings");
    StringBuilder kinds = new StringBuilder();
    for (Map.Entry<Outcome, Long> e : outcomes.entrySet()) {
      if (e.getKey().isFinding() && e.getValue() > 0) {
        kinds.append(kinds.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
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

  /** How fast it went: {@code "6 schedules in 4.1 ms (1,463 schedules/s)"}. */
  public String speed() {
    return String.format(Locale.ROOT, "%d schedules in %.1f ms (%,.0f schedules/s)",
        schedules, elapsed.toNanos() / 1e6, schedulesPerSecond());
  }

  @Override
  public String toString() {
    return programName + " — " + summary();
  }
}
