package dev.gillab.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameTest {
  private static byte[] write(Frame... frames) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FrameWriter writer = new FrameWriter(out, Frame.DEFAULT_MAX_FRAME_BYTES);
    for (Frame f : frames) {
      writer.write(f);
    }
    return out.toByteArray();
  }

  private static FrameReader reader(byte[] bytes, int max) {
    return new FrameReader(new ByteArrayInputStream(bytes), max);
  }

  private static String readError(byte[] bytes) {
    return assertThrows(
            ProtocolException.class, () -> reader(bytes, Frame.DEFAULT_MAX_FRAME_BYTES).read())
        .getMessage();
  }

  @Test
  void framesRoundTripAndEndCleanly() throws IOException {
    Frame a = Frame.of(FrameType.REQUEST, 7, "näme", new byte[] {1, 2, 3});
    Frame b = Frame.of(FrameType.RESULT, Long.MAX_VALUE, "", new byte[0]);
    FrameReader reader = reader(write(a, b), Frame.DEFAULT_MAX_FRAME_BYTES);
    assertEquals(a, reader.read().orElseThrow());
    assertEquals(b, reader.read().orElseThrow());
    assertTrue(reader.read().isEmpty());
  }

  @Test
  void layoutIsMagicLengthTypeIdNamePayload() throws IOException {
    byte[] bytes = write(Frame.of(FrameType.REQUEST, 1, "ab", new byte[] {9}));
    assertArrayEquals(
        new byte[] {0x47, 0x4C, 0, 0, 0, 14, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 'a', 'b', 9}, bytes);
  }

  @Test
  void garbageIsNamed() {
    assertEquals(
        "garbage on the pipe: expected frame magic 0x474C, read 0x6869",
        readError("hi there, not a frame".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void hugeLengthPrefixIsRefusedBeforeAllocating() {
    byte[] prefix = ByteBuffer.allocate(6).putShort(Frame.MAGIC).putInt(Integer.MAX_VALUE).array();
    assertEquals(
        "frame of 2147483647 bytes exceeds the limit of 16777216 bytes", readError(prefix));
    byte[] negative = ByteBuffer.allocate(6).putShort(Frame.MAGIC).putInt(-1).array();
    assertEquals(
        "frame of 4294967295 bytes exceeds the limit of 16777216 bytes", readError(negative));
  }

  @Test
  void limitIsConfigurable() throws IOException {
    byte[] bytes = write(Frame.of(FrameType.RESULT, 1, "t", new byte[100]));
    ProtocolException e = assertThrows(ProtocolException.class, () -> reader(bytes, 64).read());
    assertEquals("frame of 112 bytes exceeds the limit of 64 bytes", e.getMessage());
    assertEquals(100, reader(bytes, 112).read().orElseThrow().payloadLength());
  }

  @Test
  void theLimitItselfIsCappedAt256MiB() throws IOException {
    int cap = Frame.MAX_FRAME_BYTES_CAP;
    assertEquals(256 * 1024 * 1024, cap);
    assertTrue(reader(new byte[0], cap).read().isEmpty()); // the cap itself is allowed
    new FrameWriter(new ByteArrayOutputStream(), cap)
        .write(Frame.of(FrameType.SHUTDOWN, 0, "", new byte[0]));
    String message = "maxFrameBytes must be at most 268435456 (256 MiB), got 268435457";
    assertEquals(
        message,
        assertThrows(IllegalArgumentException.class, () -> reader(new byte[0], cap + 1))
            .getMessage());
    assertEquals(
        message,
        assertThrows(
                IllegalArgumentException.class,
                () -> new FrameWriter(new ByteArrayOutputStream(), cap + 1))
            .getMessage());
  }

  /**
   * A length prefix is a claim, not a fact: the body buffer grows with the bytes that arrive. A
   * frame that claims the largest allowed length and ends after 10 bytes costs kilobytes, not 256
   * MiB (counted by the JVM's per-thread allocation counter, so no heap size is assumed).
   */
  @Test
  void aBodyIsBufferedAsItArrivesNotAtItsDeclaredLength() {
    int declared = Frame.MAX_FRAME_BYTES_CAP;
    byte[] bytes =
        ByteBuffer.allocate(16)
            .putShort(Frame.MAGIC)
            .putInt(declared)
            .put(FrameType.RESULT.code())
            .array();
    FrameReader reader = reader(bytes, declared);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    ProtocolException e = assertThrows(ProtocolException.class, reader::read);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertEquals(
        "truncated frame: expected 268435456 bytes after the length prefix, got only 10",
        e.getMessage());
    assertTrue(
        allocated < 4 * 1024 * 1024, "allocated " + allocated + " bytes for 16 that arrived");
  }

  /** A big frame that arrives in dribs (a pipe hands over what it has) still reads whole. */
  @Test
  void aBigFrameArrivingInSmallPiecesReadsWhole() throws IOException {
    byte[] payload = new byte[3 * 1024 * 1024 + 17];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 31);
    }
    Frame frame = Frame.of(FrameType.RESULT, 9, "big", payload);
    InputStream dribs =
        new ByteArrayInputStream(write(frame)) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1000));
          }
        };
    FrameReader reader = new FrameReader(dribs, Frame.DEFAULT_MAX_FRAME_BYTES);
    assertEquals(frame, reader.read().orElseThrow());
    assertTrue(reader.read().isEmpty());
  }

  @Test
  void writerRefusesOversizeFramesWithoutWritingAByte() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FrameWriter writer = new FrameWriter(out, 64);
    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () -> writer.write(Frame.of(FrameType.REQUEST, 1, "t", new byte[100])));
    assertEquals("frame of 112 bytes exceeds the limit of 64 bytes", e.getMessage());
    assertEquals(0, out.size());
  }

  @Test
  void truncatedFramesAreNamed() throws IOException {
    byte[] whole = write(Frame.of(FrameType.REQUEST, 1, "task", new byte[20]));
    assertEquals(
        "truncated frame: the stream ended after 4 of the 6 prefix bytes",
        readError(Arrays.copyOf(whole, 4)));
    assertEquals(
        "truncated frame: expected 35 bytes after the length prefix, got only 10",
        readError(Arrays.copyOf(whole, 16)));
  }

  @Test
  void malformedHeadersAreNamed() {
    byte[] shortLength = ByteBuffer.allocate(16).putShort(Frame.MAGIC).putInt(5).array();
    assertEquals("frame length 5 is shorter than the 11-byte header", readError(shortLength));
    byte[] badType =
        ByteBuffer.allocate(17).putShort(Frame.MAGIC).putInt(11).put((byte) 99).array();
    assertEquals("unknown frame type 0x63", readError(badType));
    byte[] overrun =
        ByteBuffer.allocate(17)
            .putShort(Frame.MAGIC)
            .putInt(11)
            .put(FrameType.RESULT.code())
            .putLong(1)
            .putShort((short) 5)
            .array();
    assertEquals("task name of 5 bytes overruns a frame of 11 bytes", readError(overrun));
  }

  @Test
  void payloadIsCopiedInAndOut() {
    byte[] payload = {1};
    Frame frame = Frame.of(FrameType.REQUEST, 1, "t", payload);
    payload[0] = 2;
    frame.payload()[0] = 3;
    assertArrayEquals(new byte[] {1}, frame.payload());
  }
}
