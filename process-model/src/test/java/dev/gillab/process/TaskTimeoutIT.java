package dev.gillab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskTimeoutIT {
  @AfterEach
  void noChildLeft() {
    NoOrphans.assertNoneLeft();
  }

  @Test
  void aTimeoutKillsExactlyThatWorker() throws Exception {
    Consumer<String> workerStderr = mock();
    try (ProcessPool pool =
        ProcessPool.builder()
            .workers(2)
            .taskModule(TestTasks.class)
            .onWorkerStderr(workerStderr)
            .build()) {
      assertTrue(pool.awaitReady(Duration.ofSeconds(30)));
      // The first task occupies one worker; the second goes to the other and runs past its limit.
      CompletableFuture<byte[]> patient =
          pool.submit(TestTasks.ANNOUNCED_SLEEP, Codecs.int64().encode(1_500L), Optional.empty());
      verify(workerStderr, timeout(30_000)).accept(TestTasks.STARTED_LINE);
      CompletableFuture<byte[]> stuck =
          pool.submit(
              TestTasks.SLEEP, Codecs.int64().encode(60_000L), Optional.of(Duration.ofMillis(300)));
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
      assertTrue(
          ProcessHandle.of(timeout.pid()).isEmpty()
              || !ProcessHandle.of(timeout.pid()).get().isAlive());
      assertTrue(pool.awaitReady(Duration.ofSeconds(30)));
      assertTrue(pool.workerPids().contains(patientPid));
      PoolStats stats = pool.stats();
      assertEquals(1, stats.workersKilled());
      assertEquals(0, stats.workersCrashed());
      assertEquals(3, stats.workersStarted());
    }
  }

  /**
   * A timeout that fires just as the reply arrives: the reply may still be read, but the worker is
   * being killed. It must be retired before it gets another task, so the next task (with no
   * timeout) is never sent to a dying worker, never fails with a timeout that is not its own, and
   * never hangs.
   */
  @Test
  void aTimeoutThatRacesTheReplyNeverHarmsTheNextTask() {
    assertTimeoutPreemptively(Duration.ofSeconds(100), this::raceTimeoutsAgainstReplies);
  }

  private void raceTimeoutsAgainstReplies() throws Exception {
    int maxRounds = 200;
    // Each kill costs a worker start; stop early once enough timers have fired, so a loaded
    // machine (where most of them fire) does not make the test slow.
    int enoughKills = 30;
    int rounds = 0;
    int timeouts = 0;
    try (ProcessPool pool = ProcessPool.builder().workers(1).taskModule(TestTasks.class).build()) {
      for (int i = 0; i < maxRounds && pool.stats().workersKilled() < enoughKills; i++) {
        // The deadline falls on the reply: sometimes before it, sometimes just after it.
        CompletableFuture<byte[]> racing =
            pool.submit(
                TestTasks.SLEEP,
                Codecs.int64().encode(10L),
                Optional.of(Duration.ofMillis(10 + i % 4)));
        CompletableFuture<byte[]> next = pool.submit(ProcessPool.ECHO_TASK, new byte[] {(byte) i});
        try {
          racing.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          assertInstanceOf(TaskTimeoutException.class, e.getCause(), "round " + i);
          timeouts++;
        }
        assertEquals((byte) i, next.get(30, TimeUnit.SECONDS)[0], "round " + i);
        rounds++;
      }
      PoolStats stats = pool.stats();
      assertEquals(2L * rounds, stats.tasksDone() + stats.tasksFailed(), stats.toString());
      assertEquals(timeouts, stats.tasksFailed(), stats.toString());
      // Every fired timer killed its worker, even when the reply won: at least one per failure.
      assertTrue(stats.workersKilled() >= timeouts, stats.toString());
      assertTrue(
          stats.workersKilled() > 0, "no deadline fired in " + rounds + " rounds: nothing raced");
      assertEquals(0, stats.workersCrashed(), stats.toString());
      assertEquals(1 + stats.workersKilled(), stats.workersStarted(), stats.toString());
      System.out.printf(
          "timeout race: %d rounds, %d timed out, %d replies beat a fired timer, %s%n",
          rounds, timeouts, stats.workersKilled() - timeouts, stats);
    }
  }
}
