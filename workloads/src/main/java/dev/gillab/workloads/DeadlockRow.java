package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One run of the {@code deadlock} experiment. Immutable.
 *
 * @param scenario what the threads did, e.g. {@code opposite-order}
 * @param detected whether the lock set found the wait-for cycle
 * @param cycle the report's one-line summary naming the threads and locks ("" if none)
 * @param recovered whether no lock was still held once both threads had joined
 * @param seconds how long the run took, detection and recovery included
 */
public record DeadlockRow(
    String scenario, boolean detected, String cycle, boolean recovered, double seconds) {
  /**
   * Checks the scenario and the cycle are given.
   *
   * @param scenario what the threads did
   * @param detected whether the wait-for cycle was found
   * @param cycle the report's one-line summary, or "" if none
   * @param recovered whether no lock was still held once both threads had joined
   * @param seconds how long the run took
   */
  public DeadlockRow {
    checkNotNull(scenario, "scenario");
    checkNotNull(cycle, "cycle");
  }
}
