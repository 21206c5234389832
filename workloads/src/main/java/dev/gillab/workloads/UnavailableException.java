package dev.gillab.workloads;

/**
 * Something this build cannot do yet (a policy of the {@code gil} module's part 2, virtual threads
 * on a JDK without them). The message says what and why; the command turns it into a usage error
 * or a skipped row, never into a number.
 */
public final class UnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnavailableException(String message) {
    super(message);
  }
}
