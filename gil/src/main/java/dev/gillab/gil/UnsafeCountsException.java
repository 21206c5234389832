package dev.gillab.gil;

import dev.gillab.refcount.CountStrategy;

/**
 * Thrown when an interpreter is built with no GIL ({@link SwitchingPolicy#none()}) and {@code
 * PLAIN} reference counts, which are correct only when one lock serializes every change. Choose
 * {@code ATOMIC} or {@code BIASED}, or — to watch the counts break, as a lesson does — {@link
 * Interpreter.Builder#allowUnsafePlainCounts(boolean)}.
 */
public final class UnsafeCountsException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  UnsafeCountsException(String interpreter, CountStrategy strategy) {
    super(
        "interpreter '"
            + interpreter
            + "' has no GIL (policy none) but "
            + strategy
            + " reference counts, which only a GIL keeps correct: use ATOMIC or BIASED, or call"
            + " allowUnsafePlainCounts(true) to run it anyway and watch the heap catch the damage");
  }
}
