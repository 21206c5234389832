package dev.gillab.gil.internal;

import org.jspecify.annotations.Nullable;

/**
 * What one interpreter thread carries through the eval loop: its frame depth and what is left of
 * its instruction budget. Confined to its thread.
 *
 * <p>The budget counts instructions and the work one instruction does on its operands: an operation
 * that copies, compares, repeats, joins or searches elements charges one unit per item and one per
 * {@value #CHARS_PER_UNIT} chars ({@link #charge}), about what an instruction costs, so one {@code
 * ==} on two huge lists stops at the budget like a loop does. An operation whose work is known up
 * front (a repeat, a join) is charged before it is done, and refused whole.
 */
public final class ThreadState {
  final long budget;
  long remaining;
  int depth;

  /** {@code ticks}: release the GIL when {@code remaining} falls to this; MIN_VALUE for never. */
  long nextTick = Long.MIN_VALUE;

  /** The Python thread this is ({@code threading.current_thread()}); null outside threading. */
  @Nullable PyThread thread;

  /** The stepped thread this is, when a {@link StepEngine} runs it; null on a real thread. */
  @Nullable StepThread step;

  /** {@code budget} instructions at most; {@link Long#MAX_VALUE} for no limit. */
  public ThreadState(long budget) {
    this.budget = budget;
    this.remaining = budget;
  }

  /** Chars of str work charged as one unit of the budget. */
  static final int CHARS_PER_UNIT = 64;

  /**
   * Charges {@code units} of element work to the budget.
   *
   * @throws PyException BudgetExceeded once the budget is spent
   */
  void charge(long units) {
    remaining -= units;
    if (remaining < 0) {
      throw budgetExceeded();
    }
  }

  /** Charges the work of copying or scanning {@code chars} UTF-16 units of str. */
  void chargeChars(long chars) {
    charge(chars / CHARS_PER_UNIT);
  }

  PyException budgetExceeded() {
    return new PyException("BudgetExceeded", "instruction budget of " + budget + " exhausted");
  }

  /** Instructions run so far (counted at eval-breaker checks, calls and returns). */
  public long executed() {
    return budget - remaining;
  }
}
