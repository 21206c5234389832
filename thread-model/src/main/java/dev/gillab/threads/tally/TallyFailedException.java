package dev.gillab.threads.tally;

/**
 * A tally run could not finish because an actor, the arbiter or the state factory threw, or a round
 * did not finish in time. The message names the tally, who failed and in which round, e.g. {@code
 * "x++ race: actor 'left' threw in round 17"}; the cause is what was thrown, if anything.
 *
 * <p>Immutable after construction; safe to pass between threads.
 */
public final class TallyFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The round in which the failure happened, from 1. */
  private final long round;

  TallyFailedException(String message, long round, Throwable cause) {
    super(message, cause);
    this.round = round;
  }

  /**
   * The round in which the failure happened: a failure in round 1 is a bug in the test, one in a
   * late round more often a race.
   *
   * @return the round, counted from 1
   */
  public long round() {
    return round;
  }
}
