package dev.gillab.gil.step;

/** Where a {@link Stepper} offers its chooser a choice of thread: the size of one step. */
public enum Granularity {
  /**
   * Every bytecode instruction is a step: a switch may fall between any two. With racing counts
   * ({@link Stepper.Builder#counts}) an instruction that changes counts is followed by a step of
   * its thread that writes them.
   */
  INSTRUCTION,
  /**
   * A step runs a thread up to the next place where its policy lets the GIL move: under {@code
   * interval}, {@code ioPriority} and {@code ticks} the eval-breaker checks (before a backward jump
   * or a call) and the blocking calls ({@code time.sleep}, a lock that is taken, {@code join});
   * under {@code none}, where nothing excludes, every instruction.
   */
  SWITCH_POINT
}
