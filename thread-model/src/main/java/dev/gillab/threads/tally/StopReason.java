package dev.gillab.threads.tally;

/**
 * Which bound ended a tally run.
 *
 * <p>Immutable and thread-safe (an enum).
 */
public enum StopReason {
  /** The run did all the rounds it was given. */
  ROUNDS("the round bound"),
  /** The time limit passed first. */
  TIME("the time bound");

  private final String text;

  StopReason(String text) {
    this.text = text;
  }

  /**
   * How the summary line names this bound.
   *
   * @return e.g. {@code "the round bound"}
   */
  public String text() {
    return text;
  }
}
