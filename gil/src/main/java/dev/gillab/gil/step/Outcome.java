package dev.gillab.gil.step;

/** How a stepped run stands. */
public enum Outcome {
  /** Some thread can still take a step. */
  RUNNING,
  /** Every thread the run waits for has finished, none by an uncaught exception. */
  FINISHED,
  /** Unfinished threads remain and none of them can take a step. */
  DEADLOCK,
  /** Every thread the run waits for has ended, and at least one by an uncaught exception. */
  ERROR,
  /**
   * The run went past its instruction budget, its heap's byte budget or its step bound, and was
   * stopped.
   */
  BUDGET
}
