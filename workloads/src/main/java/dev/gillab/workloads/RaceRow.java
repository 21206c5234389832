package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One run of the {@code race} experiment: two threads append to and read one shared list; what the
 * heap caught. {@code clean} means the list holds every append, nothing was used after it was
 * freed, and nothing leaked. Immutable.
 *
 * @param mode {@code threads-gil} or a free-threaded mode
 * @param policy the GIL's policy ({@code none} when free-threaded)
 * @param counts the heap's count strategy: {@code PLAIN}, {@code ATOMIC} or {@code BIASED}
 * @param threads threads hammering the list
 * @param expectedLength appends made in all
 * @param listLength the list's length at the end ({@code -1} if it could not be read)
 * @param useAfterFree uses of freed objects the heap refused
 * @param leaks objects still alive after the interpreter closed
 * @param clean whether the list holds every append, no use after free was caught, nothing leaked
 *     and no thread failed of damage the heap did not name
 */
public record RaceRow(
    String mode,
    String policy,
    String counts,
    int threads,
    long expectedLength,
    long listLength,
    long useAfterFree,
    long leaks,
    boolean clean) {
  /**
   * Checks the names are given.
   *
   * @param mode {@code threads-gil} or a free-threaded mode
   * @param policy the GIL's policy
   * @param counts the heap's count strategy
   * @param threads threads hammering the list
   * @param expectedLength appends made in all
   * @param listLength the list's length at the end, or {@code -1}
   * @param useAfterFree uses of freed objects the heap refused
   * @param leaks objects still alive after the interpreter closed
   * @param clean whether nothing went wrong
   */
  public RaceRow {
    checkNotNull(mode, "mode");
    checkNotNull(policy, "policy");
    checkNotNull(counts, "counts");
  }
}
