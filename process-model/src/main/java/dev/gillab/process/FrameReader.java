package dev.gillab.process;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads {@link Frame}s from a stream and refuses anything else with a {@link
 * ProtocolException}: bad magic (garbage), a length over the limit (checked before any buffer
 * is allocated, so a huge length prefix cannot exhaust memory), an unknown type, a name that
 * overruns its frame, or a stream that ends inside a frame.
 *
 * <p>Thread-safe but serial: one lock makes concurrent reads take whole frames in turn.
 */
public final class FrameReader {
  private final Object lock = new Object();

  @GuardedBy("lock")
  private final InputStream in;

  private final int maxFrameBytes;

  public FrameReader(InputStream in, int maxFrameBytes) {
    checkArgument(
        maxFrameBytes >= Frame.HEADER_BYTES,
        "maxFrameBytes must be at least %s, got %s",
        Frame.HEADER_BYTES,
        maxFrameBytes);
    this.in = new BufferedInputStream(in, 64 * 1024);
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * Reads the next frame; blocks until one arrives.
   *
   * @return the frame, or empty at a clean end of stream (between frames)
   * @throws ProtocolException if the bytes are not a valid frame
   * @throws IOException if reading fails
   */
  public Optional<Frame> read() throws IOException {
    synchronized (lock) {
      byte[] prefix = new byte[Frame.PREFIX_BYTES];
      int got = readUpTo(prefix, prefix.length);
      if (got == 0) {
        return Optional.empty();
      }
      if (got >= 2) {
        checkMagic(prefix);
      }
      if (got < prefix.length) {
        throw new ProtocolException(
            String.format(
                "truncated frame: the stream ended after %d of the %d prefix bytes",
                got, Frame.PREFIX_BYTES));
      }
      ByteBuffer header = ByteBuffer.wrap(prefix);
      header.getShort();
      int length = header.getInt();
      if (length < 0 || length > maxFrameBytes) {
        throw new ProtocolException(
            String.format(
                "frame of %d bytes exceeds the limit of %d bytes",
                Integer.toUnsignedLong(length), maxFrameBytes));
      }
      if (length < Frame.HEADER_BYTES) {
        throw new ProtocolException(
            String.format(
                "frame length %d is shorter than the %d-byte header", length, Frame.HEADER_BYTES));
      }
      byte[] body = new byte[length];
      int bodyGot = readUpTo(body, length);
      if (bodyGot < length) {
        throw new ProtocolException(
            String.format(
                "truncated frame: expected %d bytes after the length prefix, got only %d",
                length, bodyGot));
      }
      return Optional.of(parseBody(ByteBuffer.wrap(body), length));
    }
  }

  private static void checkMagic(byte[] prefix) throws ProtocolException {
    short magic = (short) (((prefix[0] & 0xFF) << 8) | (prefix[1] & 0xFF));
    if (magic != Frame.MAGIC) {
      throw new ProtocolException(
          String.format(
              "garbage on the pipe: expected frame magic 0x%04X, read 0x%04X",
              Frame.MAGIC, magic & 0xFFFF));
    }
  }

  private static Frame parseBody(ByteBuffer body, int length) throws ProtocolException {
    byte code = body.get();
    FrameType type =
        FrameType.fromCode(code)
            .orElseThrow(
                () -> new ProtocolException(String.format("unknown frame type 0x%02X", code)));
    long requestId = body.getLong();
    int nameLength = Short.toUnsignedInt(body.getShort());
    if (nameLength > length - Frame.HEADER_BYTES) {
      throw new ProtocolException(
          String.format(
              "task name of %d bytes overruns a frame of %d bytes", nameLength, length));
    }
    String name;
    try {
      name =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(body.slice(body.position(), nameLength))
              .toString();
    } catch (CharacterCodingException e) {
      throw new ProtocolException("task name is not valid UTF-8");
    }
    body.position(body.position() + nameLength);
    byte[] payload = new byte[body.remaining()];
    body.get(payload);
    return Frame.wrap(type, requestId, name, payload);
  }

  @GuardedBy("lock")
  private int readUpTo(byte[] buffer, int wanted) throws IOException {
    int total = 0;
    while (total < wanted) {
      int n = in.read(buffer, total, wanted - total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }
}
