package dev.gillab.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 1,000 tasks, 50 SIGKILLs of random workers along the way: every task completes or fails with
 * WorkerCrashedException (at most one per killed worker), none is lost or hung, and the pool serves
 * afterwards.
 */
class FaultInjectionIT {
  private static final int TASKS = 1_000;
  private static final int KILLS = 50;

  @AfterEach
  void noChildLeft() {
    NoOrphans.assertNoneLeft();
  }

  @Test
  void killingWorkersLosesNoTask() {
    assertTimeoutPreemptively(Duration.ofSeconds(100), this::run);
  }

  private void run() throws Exception {
    Random random = new Random(42);
    List<CompletableFuture<byte[]>> futures = new ArrayList<>();
    Set<Long> killed = new HashSet<>();
    try (ProcessPool pool = ProcessPool.builder().workers(3).taskModule(TestTasks.class).build()) {
      assertTrue(pool.awaitReady(Duration.ofSeconds(30)));
      int perRound = TASKS / KILLS;
      for (int round = 0; round < KILLS; round++) {
        for (int i = 0; i < perRound; i++) {
          futures.add(pool.submit(TestTasks.SLEEP, Codecs.int64().encode(2L + random.nextInt(10))));
        }
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(5))
            .until(() -> pool.workerPids().stream().anyMatch(pid -> !killed.contains(pid)));
        List<Long> candidates = new ArrayList<>(pool.workerPids());
        candidates.removeAll(killed);
        long victim = candidates.get(random.nextInt(candidates.size()));
        killed.add(victim);
        ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
        TimeUnit.MILLISECONDS.sleep(random.nextInt(20));
      }
      int done = 0;
      int crashed = 0;
      for (CompletableFuture<byte[]> future : futures) {
        try {
          future.get(60, TimeUnit.SECONDS);
          done++;
        } catch (ExecutionException e) {
          WorkerCrashedException crash =
              assertInstanceOf(WorkerCrashedException.class, e.getCause());
          assertEquals(137, crash.exitStatus().exitCode());
          crashed++;
        }
      }
      assertEquals(TASKS, done + crashed);
      assertTrue(crashed <= KILLS, "one task at most per killed worker, got " + crashed);
      for (int i = 0; i < 10; i++) {
        assertEquals(
            1, pool.submit(ProcessPool.ECHO_TASK, new byte[1]).get(30, TimeUnit.SECONDS).length);
      }
      PoolStats stats = pool.stats();
      assertEquals(done + 10, stats.tasksDone());
      assertEquals(crashed, stats.tasksFailed());
      assertEquals(KILLS, stats.workersCrashed());
      // A killed worker fails the task it was running; one killed between two tasks (the queue
      // is never empty, so rarely) fails none: its next task goes to its replacement.
      assertTrue(crashed <= stats.workersCrashed(), "at most one failed task per killed worker");
      assertTrue(stats.workersStarted() >= 3 + KILLS - 3);
      System.out.printf("fault injection: %d done, %d crashed, %s%n", done, crashed, stats);
    }
  }
}
