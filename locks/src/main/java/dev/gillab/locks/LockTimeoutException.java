package dev.gillab.locks;

/**
 * Thrown by {@link TimedAcquisition} when every attempt timed out. The caller holds none of the
 * locks when it is thrown. The message names the locks, the attempts and the lock that was busy
 * last.
 */
public final class LockTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * For {@link TimedAcquisition}, which writes the message.
   *
   * @param message the locks, the attempts and the lock that was busy last
   */
  public LockTimeoutException(String message) {
    super(message);
  }
}
