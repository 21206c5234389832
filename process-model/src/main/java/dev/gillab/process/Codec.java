package dev.gillab.process;

/**
 * Turns values into bytes and back, so tasks and callers exchange plain bytes on the wire and
 * never Java-serialized objects. Implementations must be stateless and thread-safe.
 *
 * @param <T> the value type
 */
public interface Codec<T> {
  byte[] encode(T value);

  /** Decodes bytes made by {@link #encode}; throws IllegalArgumentException on bad input. */
  T decode(byte[] bytes);
}
