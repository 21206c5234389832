package dev.gillab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskTimeoutIT {
  @AfterEach
  void noChildLeft() {
    NoOrphans.assertNoneLeft();
  }

  @Test
  void aTimeoutKillsExactlyThatWorker() throws Exception {
    try (ProcessPool pool = ProcessPool.builder().workers(2).taskModule(TestTasks.class).build()) {
      assertTrue(pool.awaitReady(Duration.ofSeconds(30)));
      // The first task occupies one worker; the second goes to the other and runs past its limit.
      CompletableFuture<byte[]> patient =
          pool.submit(TestTasks.SLEEP, Codecs.int64().encode(1_500L), Optional.empty());
      CompletableFuture<byte[]> stuck =
          pool.submit(
              TestTasks.SLEEP,
              Codecs.int64().encode(60_000L),
              Optional.of(Duration.ofMillis(300)));
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> stuck.get(30, TimeUnit.SECONDS));
      TaskTimeoutException timeout = assertInstanceOf(TaskTimeoutException.class, e.getCause());
      assertEquals(
          "task 'test.sleep' timed out after 300 ms; its worker pid "
              + timeout.pid()
              + " was killed and replaced",
          timeout.getMessage());
      long patientPid = Codecs.int64().decode(patient.get(30, TimeUnit.SECONDS));
      assertNotEquals(patientPid, timeout.pid());
      assertTrue(ProcessHandle.of(patientPid).orElseThrow().isAlive());
      assertTrue(ProcessHandle.of(timeout.pid()).isEmpty() || !ProcessHandle.of(timeout.pid()).get().isAlive());
      assertTrue(pool.awaitReady(Duration.ofSeconds(30)));
      assertTrue(pool.workerPids().contains(patientPid));
      PoolStats stats = pool.stats();
      assertEquals(1, stats.workersKilled());
      assertEquals(0, stats.workersCrashed());
      assertEquals(3, stats.workersStarted());
    }
  }
}
