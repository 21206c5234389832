package dev.gillab.gil.step;

import java.util.List;

/**
 * A schedule that reaches a {@link Goal}, as the {@link Explorer} found it.
 *
 * @param schedule the thread id of each step; {@link Stepper#replay} runs it again
 * @param preemptions how many times the schedule switches away from a thread that could have gone
 *     on
 * @param schedulesTried how many schedules the search ran, this one included
 */
public record Found(List<Integer> schedule, int preemptions, long schedulesTried) {
  /**
   * Copies the schedule.
   *
   * @param schedule the thread id of each step; no nulls
   * @param preemptions how many times the schedule switches away from a thread that could have gone
   *     on
   * @param schedulesTried how many schedules the search ran, this one included
   */
  public Found {
    schedule = List.copyOf(schedule);
  }
}
