package dev.gillab.workloads.serve;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * What one {@link LabServer} lets its clients use: sessions live at once and how long an idle one
 * lives, the largest request body, each session's heap and instruction budgets and its most steps,
 * how far a search for a bad schedule goes, and the threads serving requests. Immutable.
 *
 * @param maxSessions sessions live at once; one more is refused (503) until one expires
 * @param idleTimeout a session nobody touched for this long is gone (404 after)
 * @param maxBodyBytes the largest request body; a larger one is refused (413)
 * @param maxMemoryBytes each session's interpreter heap budget: past it the program raises
 *     MemoryError
 * @param instructionBudget each session's interpreter threads' instruction budget: past it a thread
 *     raises BudgetExceeded, so a loop without end ends
 * @param maxSteps the most steps a run takes: the run ends as {@code BUDGET} there, and a longer
 *     schedule to replay is refused (400)
 * @param maxPreemptions the most preemptions a search for a bad schedule tries
 * @param maxSchedules the most schedules one search runs before it gives up
 * @param maxSearches searches running at once; one more is refused (503), since each takes a core
 * @param threads the threads that serve requests
 */
public record ServeLimits(
    int maxSessions,
    Duration idleTimeout,
    int maxBodyBytes,
    long maxMemoryBytes,
    long instructionBudget,
    int maxSteps,
    int maxPreemptions,
    int maxSchedules,
    int maxSearches,
    int threads) {

  /** 64 KiB: a program a learner writes is a few hundred bytes. */
  public static final int DEFAULT_MAX_BODY_BYTES = 64 << 10;

  /**
   * Checks every limit is positive ({@code maxPreemptions} may be 0).
   *
   * @param maxSessions sessions live at once
   * @param idleTimeout how long a session nobody touches lives
   * @param maxBodyBytes the largest request body
   * @param maxMemoryBytes each session's interpreter heap budget
   * @param instructionBudget each session's interpreter threads' instruction budget
   * @param maxSteps the most steps a run takes
   * @param maxPreemptions the most preemptions a search for a bad schedule tries
   * @param maxSchedules the most schedules one search runs
   * @param maxSearches searches running at once
   * @param threads the threads that serve requests
   * @throws IllegalArgumentException if a limit is out of bounds
   * @throws NullPointerException if {@code idleTimeout} is null
   */
  public ServeLimits {
    checkArgument(maxSessions >= 1, "maxSessions must be at least 1, was %s", maxSessions);
    checkNotNull(idleTimeout, "idleTimeout");
    checkArgument(
        !idleTimeout.isNegative() && !idleTimeout.isZero(),
        "idleTimeout must be positive, was %s",
        idleTimeout);
    checkArgument(maxBodyBytes >= 1, "maxBodyBytes must be at least 1, was %s", maxBodyBytes);
    checkArgument(maxMemoryBytes >= 1, "maxMemoryBytes must be at least 1, was %s", maxMemoryBytes);
    checkArgument(
        instructionBudget >= 1, "instructionBudget must be at least 1, was %s", instructionBudget);
    checkArgument(maxSteps >= 1, "maxSteps must be at least 1, was %s", maxSteps);
    checkArgument(
        maxPreemptions >= 0, "maxPreemptions must not be negative, was %s", maxPreemptions);
    checkArgument(maxSchedules >= 1, "maxSchedules must be at least 1, was %s", maxSchedules);
    checkArgument(maxSearches >= 1, "maxSearches must be at least 1, was %s", maxSearches);
    checkArgument(threads >= 1, "threads must be at least 1, was %s", threads);
  }

  /**
   * {@return the defaults of {@code gil-lab serve}: 64 sessions, idle for 30 minutes at most,
   * bodies of 64 KiB, 16 MiB of heap and a million instructions per session, 10,000 steps, searches
   * up to 3 preemptions and 20,000 schedules, 2 at once, 8 request threads}
   */
  public static ServeLimits defaults() {
    return new ServeLimits(
        64,
        Duration.ofMinutes(30),
        DEFAULT_MAX_BODY_BYTES,
        16L << 20,
        1_000_000,
        10_000,
        3,
        20_000,
        2,
        8);
  }
}
