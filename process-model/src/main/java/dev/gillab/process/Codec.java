package dev.gillab.process;

/**
 * Turns values into bytes and back, so tasks and callers exchange plain bytes on the wire and never
 * Java-serialized objects. Implementations must be stateless and thread-safe.
 *
 * @param <T> the value type
 */
public interface Codec<T> {
  /**
   * Encodes a value for the wire.
   *
   * @param value the value to send
   * @return a fresh array the caller may keep
   */
  byte[] encode(T value);

  /**
   * Decodes bytes made by {@link #encode}.
   *
   * @param bytes what came off the wire
   * @return the value they stand for
   * @throws IllegalArgumentException if the bytes are not an encoding of a value
   */
  T decode(byte[] bytes);
}
