package dev.gillab.threads.explore;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Joiner;
import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.Immutable;

/**
 * The order in which threads took their steps: one thread name per step. Its compact form, {@code
 * "T1,T2,T2,T1"}, is what reports print and what {@link Explorer#replay} takes back, so a schedule
 * copied from a report reproduces the same run, every time.
 */
@Immutable
public final class Schedule {
  private static final Splitter SPLITTER = Splitter.on(',').trimResults();

  private final ImmutableList<String> threads;

  private Schedule(ImmutableList<String> threads) {
    this.threads = threads;
  }

  /**
   * A schedule from its steps.
   *
   * @param threadNames the thread that takes each step, in order
   * @return the schedule
   */
  public static Schedule of(Iterable<String> threadNames) {
    return new Schedule(ImmutableList.copyOf(threadNames));
  }

  /**
   * Parses the compact form; blank means the empty schedule. Names are checked on replay.
   *
   * @param compact thread names separated by commas, as {@link #toString()} writes them
   * @return the schedule
   */
  public static Schedule parse(String compact) {
    checkNotNull(compact, "compact");
    return compact.isBlank() ? of(ImmutableList.of()) : of(SPLITTER.split(compact));
  }

  /**
   * The thread that took each step, in order.
   *
   * @return one thread name per step
   */
  public ImmutableList<String> threads() {
    return threads;
  }

  /**
   * How many steps the schedule has.
   *
   * @return the number of steps
   */
  public int length() {
    return threads.size();
  }

  /** The compact form, e.g. {@code "T1,T2,T2,T1"}. */
  @Override
  public String toString() {
    return Joiner.on(',').join(threads);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schedule schedule && schedule.threads.equals(threads);
  }

  @Override
  public int hashCode() {
    return threads.hashCode();
  }
}
