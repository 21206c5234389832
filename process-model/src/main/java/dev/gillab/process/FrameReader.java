package dev.gillab.process;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads {@link Frame}s from a stream and refuses anything else with a {@link ProtocolException}:
 * bad magic (garbage), a length over the limit (checked before any buffer is allocated, so a huge
 * length prefix cannot exhaust memory), an unknown type, a name that overruns its frame, or a
 * stream that ends inside a frame.
 *
 * <p>A length within the limit is still only a claim: the body buffer starts at {@value
 * #CHUNK_BYTES} bytes and doubles as bytes arrive, up to the declared length, so a sender that
 * announces 256 MiB and sends ten bytes costs kilobytes, and memory always follows what really came
 * down the pipe (at most about twice it, plus a chunk).
 *
 * <p>Thread-safe but serial: one lock makes concurrent reads take whole frames in turn.
 */
public final class FrameReader {
  /** The first size of a body buffer, and the smallest step it grows by. */
  static final int CHUNK_BYTES = 64 * 1024;

  private final Object lock = new Object();

  @GuardedBy("lock")
  private final InputStream in;

  private final int maxFrameBytes;

  /**
   * A reader of one stream; it buffers, so nothing else should read the stream after it.
   *
   * @param in the stream to read, typically a child's standard output
   * @param maxFrameBytes the largest N accepted, from {@link Frame#HEADER_BYTES} to {@link
   *     Frame#MAX_FRAME_BYTES_CAP}
   */
  public FrameReader(InputStream in, int maxFrameBytes) {
    this.in = new BufferedInputStream(in, 64 * 1024);
    this.maxFrameBytes = Frame.checkLimit(maxFrameBytes);
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
      return Optional.of(parseBody(ByteBuffer.wrap(readBody(length)), length));
    }
  }

  /** Reads {@code length} body bytes into a buffer that grows with what arrives. */
  @GuardedBy("lock")
  private byte[] readBody(int length) throws IOException {
    byte[] body = new byte[Math.min(length, CHUNK_BYTES)];
    int got = 0;
    while (got < length) {
      if (got == body.length) {
        body = Arrays.copyOf(body, (int) Math.min(length, 2L * body.length));
      }
      int n = in.read(body, got, body.length - got);
      if (n < 0) {
        throw new ProtocolException(
            String.format(
                "truncated frame: expected %d bytes after the length prefix, got only %d",
                length, got));
      }
      got += n;
    }
    return body;
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
          String.format("task name of %d bytes overruns a frame of %d bytes", nameLength, length));
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
