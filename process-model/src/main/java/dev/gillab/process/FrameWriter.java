package dev.gillab.process;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@link Frame}s to a stream, one whole frame per call, flushed. Refuses (before writing a
 * byte) a frame whose body is over the limit, so the other side never sees one.
 *
 * <p>Thread-safe: one lock keeps concurrent frames from interleaving.
 */
public final class FrameWriter {
  private final Object lock = new Object();

  @GuardedBy("lock")
  private final DataOutputStream out;

  private final int maxFrameBytes;

  /**
   * A writer to one stream; it buffers, and flushes after each frame.
   *
   * @param out the stream to write, typically a child's standard input
   * @param maxFrameBytes the largest N written, from {@link Frame#HEADER_BYTES} to {@link
   *     Frame#MAX_FRAME_BYTES_CAP}
   */
  public FrameWriter(OutputStream out, int maxFrameBytes) {
    this.out = new DataOutputStream(new BufferedOutputStream(out, 64 * 1024));
    this.maxFrameBytes = Frame.checkLimit(maxFrameBytes);
  }

  /**
   * Writes and flushes one frame.
   *
   * @param frame the frame to send
   * @throws ProtocolException if the frame is over the limit (nothing is written)
   * @throws IOException if writing fails, as when the other side has gone
   */
  public void write(Frame frame) throws IOException {
    byte[] name = frame.taskName().getBytes(StandardCharsets.UTF_8);
    long length = (long) Frame.HEADER_BYTES + name.length + frame.payloadLength();
    if (length > maxFrameBytes) {
      throw new ProtocolException(
          String.format("frame of %d bytes exceeds the limit of %d bytes", length, maxFrameBytes));
    }
    synchronized (lock) {
      out.writeShort(Frame.MAGIC);
      out.writeInt((int) length);
      out.writeByte(frame.type().code());
      out.writeLong(frame.requestId());
      out.writeShort(name.length);
      out.write(name);
      out.write(frame.payloadUnsafe());
      out.flush();
    }
  }

  /**
   * Closes the underlying stream: for a worker's standard input, the end of its requests.
   *
   * @throws IOException if closing fails
   */
  public void close() throws IOException {
    synchronized (lock) {
      out.close();
    }
  }
}
