package dev.gillab.process;

/**
 * The bytes on a pipe are not a valid frame: garbage, a length over the limit, or a stream that
 * ended inside a frame. The message names what was wrong. Immutable; thread-safe.
 */
public final class ProtocolException extends java.io.IOException {
  private static final long serialVersionUID = 1L;

  /**
   * For the frame reader and writer.
   *
   * @param message what was wrong with the bytes
   */
  public ProtocolException(String message) {
    super(message);
  }
}
