package dev.gillab.gil.step;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Explorer#exhaust} saw: every schedule with at most {@code preemptionBound}
 * preemptions, run to its end, and the first one (fewest preemptions, then depth-first order) that
 * reached the goal, if any.
 *
 * @param preemptionBound the most preemptions a schedule had
 * @param schedules how many schedules ran
 * @param complete whether every schedule within the bound ran (false: the explorer's schedule or
 *     step bound cut the search short, and {@code found == null} proves nothing)
 * @param outcomes how many schedules ended in each outcome
 * @param found the first schedule that reached the goal, or null: with {@code complete}, the goal
 *     is unreachable within the bound
 */
public record Exhaustion(
    int preemptionBound,
    long schedules,
    boolean complete,
    Map<Outcome, Long> outcomes,
    @Nullable Found found) {
  /**
   * Copies the outcome counts.
   *
   * @param preemptionBound the most preemptions a schedule had
   * @param schedules how many schedules ran
   * @param complete whether every schedule within the bound ran
   * @param outcomes how many schedules ended in each outcome; no null keys or values
   * @param found the first schedule that reached the goal, or null
   */
  public Exhaustion {
    outcomes = Map.copyOf(outcomes);
  }

  /**
   * Whether the search proves the goal unreachable within the bound.
   *
   * @return true when every schedule within the bound ran and none reached the goal
   */
  public boolean provesUnreachable() {
    return complete && found == null;
  }
}
