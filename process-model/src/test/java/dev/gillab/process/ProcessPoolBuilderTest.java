package dev.gillab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What the pool's builder refuses, before any worker starts. */
class ProcessPoolBuilderTest {
  /**
   * Above 256 MiB a frame limit is no limit: a reply held whole (twice while it is parsed) would
   * cost gigabytes, and the reader would take a 2 GiB length prefix at its word.
   */
  @Test
  void theFrameLimitIsBetween1KiBAnd256MiB() {
    ProcessPool.Builder builder = ProcessPool.builder();
    assertEquals(
        "maxFrameBytes must be at least 1024, got 1023",
        assertThrows(IllegalArgumentException.class, () -> builder.maxFrameBytes(1023))
            .getMessage());
    assertEquals(
        "maxFrameBytes must be at most 268435456 (256 MiB), got 2147483647",
        assertThrows(IllegalArgumentException.class, () -> builder.maxFrameBytes(Integer.MAX_VALUE))
            .getMessage());
    builder.maxFrameBytes(Frame.MAX_FRAME_BYTES_CAP); // the cap itself is allowed
  }
}
