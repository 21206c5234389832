package dev.gillab.threads.tally;

/**
 * A tally run could not finish because an actor, the arbiter or the state factory threw, or a
 * round did not finish in time. The message names the tally, who failed and in which round, e.g.
 * {@code "x++ race: actor 'left' threw in round 17"}; the cause is what was thrown, if anything.
 *
 * <p>Immutable after construction; safe to pass between threads.
 */
public final class TallyFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long round;

  TallyFailedException(String message, long round, Throwable cause) {
    super(message, cause);
    this.round = round;
  }

  /** The round (counted from 1) in which the failure happened. */
  public long round() {
    return round;
  }
}
