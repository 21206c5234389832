package dev.gillab.threads.explore;

/** How one run of a program ended. Everything but {@link #PASSED} is a finding. */
public enum Outcome {
  /** Every thread finished and the invariant held. */
  PASSED,
  /** Every thread finished and the invariant did not hold. */
  INVARIANT_VIOLATED,
  /** Unfinished threads remained and none of them had an enabled step. */
  DEADLOCK,
  /** A step (or the invariant, or an enabled condition) threw. */
  STEP_FAILED,
  /** A step did not return within the explorer's per-step bound and was cut off. */
  STEP_TIMED_OUT;

  /**
   * Whether a run that ended so is worth reporting.
   *
   * @return {@code true} for everything but {@link #PASSED}
   */
  public boolean isFinding() {
    return this != PASSED;
  }
}
