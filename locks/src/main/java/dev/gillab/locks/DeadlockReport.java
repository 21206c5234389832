package dev.gillab.locks;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.Immutable;

/**
 * A cycle found by a detector: a real deadlock (threads that hold locks and wait for each other's,
 * now) or a potential one (a cycle in the order in which locks were taken, seen across time).
 *
 * <p>{@link #summary()} is one line that names the whole cycle, e.g. {@code "deadlock: worker-1
 * holds A and waits for B; worker-2 holds B and waits for A"}; a real cycle is listed from the
 * thread whose name sorts first, so the same deadlock always reads the same. {@link #details()}
 * holds the stacks: where each holder acquired the lock it holds (for a potential deadlock: where
 * each edge of the cycle was first established). Immutable.
 */
@Immutable
public final class DeadlockReport {
  /** Which graph the cycle was found in. */
  public enum Kind {
    /** Threads wait for each other now (wait-for graph). */
    DEADLOCK,
    /** Locks were taken in orders that can deadlock (lock-order graph). */
    POTENTIAL_DEADLOCK
  }

  private final Kind kind;
  private final String summary;
  private final String details;
  private final ImmutableList<String> threads;
  private final ImmutableList<String> locks;

  /**
   * For detectors. {@code threads} and {@code locks} are in cycle order; {@code details} may be
   * empty.
   *
   * @param kind which graph the cycle was found in
   * @param summary one line naming the whole cycle
   * @param details the stacks, one block per holder or edge; may be empty
   * @param threads the threads in the cycle, in cycle order
   * @param locks the locks in the cycle, in cycle order
   * @throws IllegalArgumentException if {@code summary} spans more than one line
   */
  public DeadlockReport(
      Kind kind,
      String summary,
      String details,
      ImmutableList<String> threads,
      ImmutableList<String> locks) {
    this.kind = checkNotNull(kind, "kind");
    this.summary = checkNotNull(summary, "summary");
    checkArgument(!summary.contains("\n"), "a summary is one line: %s", summary);
    this.details = checkNotNull(details, "details");
    this.threads = checkNotNull(threads, "threads");
    this.locks = checkNotNull(locks, "locks");
  }

  /**
   * Whether this is a deadlock happening now or one that the order of past acquisitions makes
   * possible.
   *
   * @return the graph the cycle was found in
   */
  public Kind kind() {
    return kind;
  }

  /**
   * One line naming the whole cycle, the same for the same deadlock whichever thread found it.
   *
   * @return the summary, without a line break
   */
  public String summary() {
    return summary;
  }

  /**
   * Where each lock in the cycle was taken: what to read to find the code that nests them.
   *
   * @return the stacks, one block per holder or edge, lines separated by {@code \n}; empty if the
   *     detector recorded none
   */
  public String details() {
    return details;
  }

  /**
   * The threads in the cycle.
   *
   * @return their names in cycle order (for a potential deadlock: the threads that made its edges)
   */
  public ImmutableList<String> threads() {
    return threads;
  }

  /**
   * The locks in the cycle.
   *
   * @return their names in cycle order
   */
  public ImmutableList<String> locks() {
    return locks;
  }

  /** The summary, then the details on the following lines. */
  @Override
  public String toString() {
    return details.isEmpty() ? summary : summary + "\n" + details;
  }
}
