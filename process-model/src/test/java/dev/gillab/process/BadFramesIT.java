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
    try (ProcessPool pool = ProcessPool.builder().workers(1).taskModule(TestTasks.class).build()) {
      assertTrue(pool.awaitReady(Duration.ofSeconds(30)));
      long before = pool.workerPids().get(0);
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () -> pool.submit(task, new byte[0]).get(30, TimeUnit.SECONDS));
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
