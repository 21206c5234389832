package dev.gillab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A worker that sends bytes that are not a frame: a ProtocolException, never a hang or an OOM. */
class BadFramesIT {
  @AfterEach
  void noChildLeft() {
    NoOrphans.assertNoneLeft();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "test.garbage     | garbage on the pipe: expected frame magic 0x474C, read 0x7468",
        "test.huge-length | frame of 2147483647 bytes exceeds the limit of 16777216 bytes",
        "test.truncated   | truncated frame: expected 100 bytes after the length prefix, got only 10"
      })
  void aBadFrameFailsTheTaskAndReplacesTheWorker(String task, String message) throws Exception {
    assertBadFrameFailsAndPoolRecovers(Frame.DEFAULT_MAX_FRAME_BYTES, task, new byte[0], message);
  }

  /**
   * With the limit at its cap, a claim past it is refused before any buffer exists, and a claim of
   * the cap itself that ends after 10 bytes is read as it arrives: both are a ProtocolException for
   * that task, never a 2 GiB or 256 MiB allocation, and the next task runs.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "test.huge-length | 0         | frame of 2147483647 bytes exceeds the limit of 268435456 bytes",
        "test.truncated   | 268435456 | truncated frame: expected 268435456 bytes after the length"
            + " prefix, got only 10"
      })
  void atTheFrameLimitCapAHugeClaimIsAProtocolException(String task, long declared, String message)
      throws Exception {
    byte[] payload = declared == 0 ? new byte[0] : Codecs.int64().encode(declared);
    assertBadFrameFailsAndPoolRecovers(Frame.MAX_FRAME_BYTES_CAP, task, payload, message);
  }

  private static void assertBadFrameFailsAndPoolRecovers(
      int maxFrameBytes, String task, byte[] payload, String message) throws Exception {
    try (ProcessPool pool =
        ProcessPool.builder()
            .workers(1)
            .taskModule(TestTasks.class)
            .maxFrameBytes(maxFrameBytes)
            .build()) {
      assertTrue(pool.awaitReady(Duration.ofSeconds(30)));
      long before = pool.workerPids().get(0);
      ExecutionException e =
          assertThrows(
              ExecutionException.class, () -> pool.submit(task, payload).get(30, TimeUnit.SECONDS));
      assertInstanceOf(ProtocolException.class, e.getCause());
      assertEquals(message, e.getCause().getMessage());
      long after =
          Codecs.int64()
              .decode(pool.submit(ProcessPool.PID_TASK, new byte[0]).get(30, TimeUnit.SECONDS));
      assertNotEquals(before, after);
      assertTrue(ProcessHandle.of(before).isEmpty() || !ProcessHandle.of(before).get().isAlive());
      assertEquals(1, pool.stats().workersKilled());
    }
  }
}
