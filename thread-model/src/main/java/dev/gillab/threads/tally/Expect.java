package dev.gillab.threads.tally;

/**
 * How a test grades an outcome.
 *
 * <p>Immutable and thread-safe (an enum).
 */
public enum Expect {
  /** Allowed, and what one would expect. */
  ACCEPTABLE,
  /** Allowed, but worth a look: usually the visible trace of a race. */
  ACCEPTABLE_INTERESTING,
  /** Must never happen: seeing it means the code under test is broken. */
  FORBIDDEN
}
