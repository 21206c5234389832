package dev.gillab.process;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Small ready-made {@link Codec}s. Stateless; thread-safe. */
public final class Codecs {
  private Codecs() {}

  /**
   * Bytes as they are, copied both ways so that neither side shares an array.
   *
   * @return the identity codec
   */
  public static Codec<byte[]> bytes() {
    return new Codec<>() {
      @Override
      public byte[] encode(byte[] value) {
        return value.clone();
      }

      @Override
      public byte[] decode(byte[] bytes) {
        return bytes.clone();
      }
    };
  }

  /**
   * A string as UTF-8.
   *
   * @return the codec
   */
  public static Codec<String> utf8() {
    return new Codec<>() {
      @Override
      public byte[] encode(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
      }
    };
  }

  /**
   * A long as 8 big-endian bytes.
   *
   * @return the codec; decoding refuses any other length
   */
  public static Codec<Long> int64() {
    return new Codec<>() {
      @Override
      public byte[] encode(Long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
      }

      @Override
      public Long decode(byte[] bytes) {
        checkArgument(bytes.length == Long.BYTES, "an int64 needs 8 bytes, got %s", bytes.length);
        return ByteBuffer.wrap(bytes).getLong();
      }
    };
  }

  /**
   * An array of longs, 8 big-endian bytes each: how a task returns many numbers at once.
   *
   * @return the codec; decoding refuses a length that is not a multiple of 8
   */
  public static Codec<long[]> int64s() {
    return new Codec<>() {
      @Override
      public byte[] encode(long[] value) {
        ByteBuffer buffer = ByteBuffer.allocate(value.length * Long.BYTES);
        buffer.asLongBuffer().put(value);
        return buffer.array();
      }

      @Override
      public long[] decode(byte[] bytes) {
        checkArgument(
            bytes.length % Long.BYTES == 0,
            "int64s need a multiple of 8 bytes, got %s",
            bytes.length);
        long[] values = new long[bytes.length / Long.BYTES];
        ByteBuffer.wrap(bytes).asLongBuffer().get(values);
        return values;
      }
    };
  }
}
