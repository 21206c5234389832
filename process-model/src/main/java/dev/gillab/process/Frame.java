package dev.gillab.process;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One message of the wire protocol: a type, a request id, a task name and a payload of bytes.
 *
 * <p>On the wire (all integers big-endian):
 *
 * <pre>
 * offset  size  field
 * 0       2     magic 0x47 0x4C ("GL"), so that garbage on the pipe is caught at once
 * 2       4     length N of everything after this field (11 + name bytes + payload bytes)
 * 6       1     type code ({@link FrameType})
 * 7       8     request id
 * 15      2     length L of the task name in UTF-8 bytes
 * 17      L     task name, UTF-8
 * 17+L    N-11-L payload
 * </pre>
 *
 * <p>Nothing is ever Java-serialized: a task is found by its name and reads plain bytes. Immutable
 * (the payload is copied in and out); thread-safe.
 */
public final class Frame {
  /** The two bytes every frame starts with. */
  public static final short MAGIC = 0x474C;

  /** Bytes before the length field. */
  public static final int PREFIX_BYTES = 6;

  /** Fixed bytes after the length field: type, request id, name length. */
  public static final int HEADER_BYTES = 11;

  /** Default limit on N, the bytes after the length field: 16 MiB. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

  /**
   * The largest limit on N that a reader, a writer or a pool accepts: 256 MiB. A frame is held
   * whole in memory (twice while it is parsed), so a limit near 2 GiB would let one reply take
   * gigabytes of the parent's heap; past this, send the data another way (a file, say).
   */
  public static final int MAX_FRAME_BYTES_CAP = 256 * 1024 * 1024;

  /**
   * Checks a frame limit: at least the header, at most {@link #MAX_FRAME_BYTES_CAP}.
   *
   * @return the limit
   */
  static int checkLimit(int maxFrameBytes) {
    checkArgument(
        maxFrameBytes >= HEADER_BYTES,
        "maxFrameBytes must be at least %s, got %s",
        HEADER_BYTES,
        maxFrameBytes);
    checkArgument(
        maxFrameBytes <= MAX_FRAME_BYTES_CAP,
        "maxFrameBytes must be at most %s (256 MiB), got %s",
        MAX_FRAME_BYTES_CAP,
        maxFrameBytes);
    return maxFrameBytes;
  }

  private final FrameType type;
  private final long requestId;
  private final String taskName;
  private final byte[] payload;

  private Frame(FrameType type, long requestId, String taskName, byte[] payload) {
    this.type = checkNotNull(type);
    this.requestId = requestId;
    this.taskName = checkNotNull(taskName);
    this.payload = payload;
    checkArgument(
        taskName.getBytes(StandardCharsets.UTF_8).length <= 0xFFFF,
        "task name longer than 65535 UTF-8 bytes");
  }

  /**
   * A frame, with its own copy of the payload.
   *
   * @param type what the frame asks or answers
   * @param requestId pairs a result with its request; 0 where there is none
   * @param taskName the task to run, or the initializer; at most 65,535 UTF-8 bytes
   * @param payload the bytes to carry; copied
   * @return the frame
   * @throws IllegalArgumentException if the task name is too long
   */
  public static Frame of(FrameType type, long requestId, String taskName, byte[] payload) {
    return new Frame(type, requestId, taskName, payload.clone());
  }

  /** For the frame reader, which hands over a fresh array it will not touch again. */
  static Frame wrap(FrameType type, long requestId, String taskName, byte[] payload) {
    return new Frame(type, requestId, taskName, payload);
  }

  /**
   * What the frame asks or answers.
   *
   * @return the frame's type
   */
  public FrameType type() {
    return type;
  }

  /**
   * The request this frame belongs to: a result carries its request's id.
   *
   * @return the request id
   */
  public long requestId() {
    return requestId;
  }

  /**
   * The task the frame is about; the parent names tasks, it never sends code.
   *
   * @return the task name, possibly empty
   */
  public String taskName() {
    return taskName;
  }

  /**
   * The bytes the frame carries.
   *
   * @return a fresh copy of the payload
   */
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * The payload's size, without copying it.
   *
   * @return the number of payload bytes
   */
  public int payloadLength() {
    return payload.length;
  }

  /** The payload without copying, for the writer. */
  byte[] payloadUnsafe() {
    return payload;
  }

  /**
   * N: the bytes this frame occupies after its length field, which a limit is checked against.
   *
   * @return the header, the task name's UTF-8 bytes and the payload, added up
   */
  public int bodyLength() {
    return HEADER_BYTES + taskName.getBytes(StandardCharsets.UTF_8).length + payload.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Frame f
        && f.type == type
        && f.requestId == requestId
        && f.taskName.equals(taskName)
        && Arrays.equals(f.payload, payload);
  }

  @Override
  public int hashCode() {
    return (type.hashCode() * 31 + Long.hashCode(requestId)) * 31 + taskName.hashCode();
  }

  @Override
  public String toString() {
    return type + " #" + requestId + " '" + taskName + "' (" + payload.length + " payload bytes)";
  }
}
