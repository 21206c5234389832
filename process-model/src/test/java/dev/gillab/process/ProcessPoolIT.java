package dev.gillab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.AdditionalMatchers.aryEq;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import dev.gillab.process.internal.LineDrainer;
import dev.gillab.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessPoolIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @AfterEach
  void noChildLeft() {
    NoOrphans.assertNoneLeft();
  }

  private static ProcessPool.Builder pool(int workers) {
    return ProcessPool.builder().workers(workers).taskModule(TestTasks.class);
  }

  /** A pool whose workers' stderr lines all go to {@code workerStderr}. */
  private static ProcessPool.Builder pool(int workers, Consumer<String> workerStderr) {
    return pool(workers).onWorkerStderr(workerStderr);
  }

  /** Waits, bounded, until the workers announced at least {@code count} started sleeps. */
  private static void awaitStarted(Consumer<String> workerStderr, int count) {
    verify(workerStderr, timeout(WAIT.toMillis()).atLeast(count)).accept(TestTasks.STARTED_LINE);
  }

  private static byte[] get(CompletableFuture<byte[]> future) throws Exception {
    return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> future) {
    return assertThrows(
            ExecutionException.class, () -> future.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .getCause();
  }

  private static byte[] int64(long value) {
    return Codecs.int64().encode(value);
  }

  @Test
  void aTaskThatThrowsFailsAloneAndTheWorkerStays() throws Exception {
    try (ProcessPool pool = pool(1).build()) {
      long pid = Codecs.int64().decode(get(pool.submit(ProcessPool.PID_TASK, new byte[0])));
      Throwable e = failure(pool.submit(TestTasks.THROW, "boom".getBytes(StandardCharsets.UTF_8)));
      assertInstanceOf(TaskFailedException.class, e);
      assertEquals(
          "task 'test.throw' failed in its worker: java.lang.IllegalStateException: boom",
          e.getMessage());
      assertEquals(
          "task 'nope' failed in its worker: no task named 'nope' is registered",
          failure(pool.submit("nope", new byte[0])).getMessage());
      assertEquals(pid, Codecs.int64().decode(get(pool.submit(ProcessPool.PID_TASK, new byte[0]))));
      assertEquals(new PoolStats(2, 2, 1, 0, 0, 0), pool.stats());
    }
  }

  @Test
  void aWorkerThatHaltsFailsOnlyItsTaskWithExitCodeAndStderr() throws Exception {
    Consumer<String> workerStderr = mock();
    try (ProcessPool pool = pool(2, workerStderr).build()) {
      assertTrue(pool.awaitReady(WAIT));
      CompletableFuture<byte[]> sleeping = pool.submit(TestTasks.ANNOUNCED_SLEEP, int64(500));
      awaitStarted(workerStderr, 1); // one worker is busy: the halt goes to the other
      CompletableFuture<byte[]> halting = pool.submit(TestTasks.HALT, int64(3));
      WorkerCrashedException e = assertInstanceOf(WorkerCrashedException.class, failure(halting));
      assertEquals(new ExitStatus(3), e.exitStatus());
      assertEquals(List.of("about to halt with 3"), e.stderrTail());
      assertEquals(
          "worker pid "
              + e.pid()
              + " died running task 'test.halt': exit code 3;"
              + " last stderr lines:\n  about to halt with 3",
          e.getMessage());
      assertTrue(Codecs.int64().decode(get(sleeping)) != e.pid());
      assertEquals(8, get(pool.submit(ProcessPool.ECHO_TASK, new byte[8])).length);
      assertTrue(pool.awaitReady(WAIT));
      PoolStats stats = pool.stats();
      assertEquals(3, stats.workersStarted());
      assertEquals(1, stats.workersCrashed());
    }
  }

  @Test
  void aWorkerKilledFromOutsideReportsSigkill() throws Exception {
    Consumer<String> workerStderr = mock();
    try (ProcessPool pool = pool(1, workerStderr).build()) {
      assertTrue(pool.awaitReady(WAIT));
      long pid = pool.workerPids().get(0);
      CompletableFuture<byte[]> sleeping = pool.submit(TestTasks.ANNOUNCED_SLEEP, int64(60_000));
      awaitStarted(workerStderr, 1); // killed while it runs the task, not between tasks
      assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly());
      WorkerCrashedException e = assertInstanceOf(WorkerCrashedException.class, failure(sleeping));
      assertEquals(OptionalInt.of(9), e.exitStatus().signal());
      assertEquals(137, e.exitStatus().exitCode());
      assertEquals(0, get(pool.submit(ProcessPool.ECHO_TASK, new byte[0])).length);
    }
  }

  /**
   * A worker killed while idle never ran the next task, so that task must not fail, even sent at
   * once, while the killed JVM is still dying and its pipe still takes the request: no STARTED
   * frame comes back, so the slot replaces the worker and sends the task to the new one. Once the
   * kill signal is sent the worker can no longer answer, so this is deterministic.
   */
  @Test
  void aWorkerKilledWhileIdleFailsNoTaskAndItsReplacementRunsTheNext() throws Exception {
    int rounds = 20;
    try (ProcessPool pool = pool(1).build()) {
      for (int i = 0; i < rounds; i++) {
        assertTrue(pool.awaitReady(WAIT));
        assertTrue(ProcessHandle.of(pool.workerPids().get(0)).orElseThrow().destroyForcibly());
        assertEquals(i, get(pool.submit(ProcessPool.ECHO_TASK, new byte[i])).length, "round " + i);
      }
      assertEquals(new PoolStats(rounds, 0, rounds + 1, rounds, 0, 0), pool.stats());
    }
  }

  /**
   * A request that kills every worker as it reads it (here: bigger than a worker's heap) is not
   * sent to worker after worker forever: once three workers have died without starting it, the
   * fourth death fails it with WorkerCrashedException, and the pool serves the next task.
   */
  @Test
  void aRequestThatKillsTheWorkersReadingItFailsAfterFourOfThem() throws Exception {
    try (ProcessPool pool =
        pool(1)
            .jvmOptions(List.of("-Xmx16m", "-XX:-UsePerfData", "-Xshare:auto"))
            .maxFrameBytes(64 * 1024 * 1024)
            .build()) {
      Throwable e = failure(pool.submit(ProcessPool.ECHO_TASK, new byte[40 * 1024 * 1024]));
      assertInstanceOf(WorkerCrashedException.class, e);
      assertEquals(3, get(pool.submit(ProcessPool.ECHO_TASK, new byte[3])).length);
      assertEquals(new PoolStats(1, 1, 5, 4, 0, 0), pool.stats());
    }
  }

  /**
   * A codec's Error fails that task's future and nothing else: decoding runs as a dependent of the
   * future, on the slot thread, and the pool goes on serving.
   */
  @Test
  void aCodecThatThrowsAnErrorFailsItsTaskAndThePoolServesOn() throws Exception {
    OutOfMemoryError injected = new OutOfMemoryError("injected: no memory to decode");
    Codec<String> broken = mock();
    when(broken.decode(any())).thenThrow(injected);
    try (ProcessPool pool = pool(1).build()) {
      CompletableFuture<String> decoded =
          pool.submit(ProcessPool.ECHO_TASK, "x", Codecs.utf8(), broken);
      assertEquals(injected, failure(decoded));
      // Asked once, for exactly the bytes echoed back; never asked to encode.
      verify(broken).decode(aryEq(Codecs.utf8().encode("x")));
      verifyNoMoreInteractions(broken);
      assertEquals(
          "y",
          pool.submit(ProcessPool.ECHO_TASK, "y", Codecs.utf8(), Codecs.utf8())
              .get(WAIT.toSeconds(), TimeUnit.SECONDS));
    }
  }

  @Test
  void workersAreRecycledAfterMaxTasksAndEachHasItsOwnStatics() throws Exception {
    try (ProcessPool pool = pool(1).maxTasksPerWorker(2).build()) {
      List<Long> counts = new ArrayList<>();
      Set<Long> pids = new HashSet<>();
      for (int i = 0; i < 5; i++) {
        counts.add(Codecs.int64().decode(get(pool.submit(TestTasks.BUMP, new byte[0]))));
      }
      for (int i = 0; i < 2; i++) {
        pids.add(Codecs.int64().decode(get(pool.submit(ProcessPool.PID_TASK, new byte[0]))));
      }
      assertEquals(List.of(1L, 2L, 1L, 2L, 1L), counts);
      // The 6th task uses up the third worker's quota, so the 7th runs on a fourth worker.
      assertEquals(2, pids.size());
      assertEquals(3, pool.stats().workersRecycled());
    }
  }

  @Test
  void theInitializerRunsOnceInEveryWorker() throws Exception {
    try (ProcessPool pool = pool(2).initializer(TestTasks.SET, int64(100)).build()) {
      assertTrue(pool.awaitReady(WAIT));
      CompletableFuture<byte[]> a = pool.submit(TestTasks.BUMP, new byte[0]);
      CompletableFuture<byte[]> b = pool.submit(TestTasks.BUMP, new byte[0]);
      long sum = Codecs.int64().decode(get(a)) + Codecs.int64().decode(get(b));
      assertTrue(sum == 202 || sum == 203, "sum " + sum); // 101 + 101, or 101 + 102 on one worker
    }
  }

  @Test
  void aFailingInitializerFailsTasksInsteadOfHangingThem() throws Exception {
    try (ProcessPool pool =
        pool(1)
            .initializer(TestTasks.THROW, "no config".getBytes(StandardCharsets.UTF_8))
            .build()) {
      Throwable e = failure(pool.submit(ProcessPool.ECHO_TASK, new byte[0]));
      assertInstanceOf(WorkerStartException.class, e);
      assertTrue(
          e.getMessage()
              .contains(
                  "did not start: its initializer 'test.throw' failed:"
                      + " java.lang.IllegalStateException: no config"),
          e.getMessage());
    }
  }

  @Test
  void closeLetsQueuedAndRunningTasksFinishAndRefusesNewOnes() throws Exception {
    ProcessPool pool = pool(2).build();
    List<CompletableFuture<byte[]>> futures = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      futures.add(pool.submit(TestTasks.SLEEP, int64(200)));
    }
    pool.close();
    for (CompletableFuture<byte[]> f : futures) {
      assertTrue(f.isDone() && !f.isCompletedExceptionally());
    }
    RejectedExecutionException e =
        assertThrows(
            RejectedExecutionException.class,
            () -> pool.submit(ProcessPool.ECHO_TASK, new byte[0]));
    assertEquals("the pool is closing; it takes no new tasks", e.getMessage());
    assertEquals(0, ProcessHandle.current().descendants().count(), NoOrphans.describe());
  }

  @Test
  void shutdownNowKillsEveryWorkerAndCancelsWhatIsLeft() throws Exception {
    Consumer<String> workerStderr = mock();
    ProcessPool pool = pool(2, workerStderr).build();
    assertTrue(pool.awaitReady(WAIT));
    List<CompletableFuture<byte[]>> futures = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      futures.add(pool.submit(TestTasks.ANNOUNCED_SLEEP, int64(60_000)));
    }
    awaitStarted(workerStderr, 2); // both workers run one; three are still queued
    assertEquals(3, pool.shutdownNow());
    for (CompletableFuture<byte[]> f : futures) {
      // A future completed with a CancellationException reports itself cancelled.
      assertThrows(CancellationException.class, () -> f.get(30, TimeUnit.SECONDS));
      assertTrue(f.isCancelled());
    }
    assertEquals(0, ProcessHandle.current().descendants().count(), NoOrphans.describe());
    assertEquals(ProcessPool.State.TERMINATED, pool.state());
  }

  @Test
  void closeFromAFutureCallbackDoesNotWaitForItsOwnSlot() throws Exception {
    ProcessPool pool = pool(2).build();
    CompletableFuture<Void> closed =
        pool.submit(ProcessPool.ECHO_TASK, new byte[1]).thenRun(pool::close);
    // Without the fix the callback joins its own thread: 60 s, then shutdownNow's 30 s, then ISE.
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> closed.get(20, TimeUnit.SECONDS));
    assertEquals(ProcessPool.State.CLOSING, pool.state());
    assertThrows(
        RejectedExecutionException.class, () -> pool.submit(ProcessPool.ECHO_TASK, new byte[0]));
  }

  @Test
  void shutdownNowFromAFutureCallbackDoesNotWaitForItsOwnSlot() throws Exception {
    Consumer<String> workerStderr = mock();
    ProcessPool pool = pool(2, workerStderr).build();
    CompletableFuture<byte[]> sleeping = pool.submit(TestTasks.ANNOUNCED_SLEEP, int64(60_000));
    awaitStarted(workerStderr, 1);
    CompletableFuture<Integer> cancelled =
        pool.submit(ProcessPool.ECHO_TASK, new byte[1]).thenApply(ignored -> pool.shutdownNow());
    assertTimeoutPreemptively(
        Duration.ofSeconds(20), () -> assertEquals(0, cancelled.get(20, TimeUnit.SECONDS)));
    assertEquals(ProcessPool.State.TERMINATED, pool.state());
    assertThrows(CancellationException.class, () -> sleeping.get(30, TimeUnit.SECONDS));
  }

  @Test
  void aChattyWorkerNeverBlocks() throws Exception {
    try (ProcessPool pool = pool(1).build()) {
      assertEquals(
          100_000L, Codecs.int64().decode(get(pool.submit(TestTasks.CHATTER, int64(100_000)))));
    }
  }

  @Test
  void aChattyWorkerNeverBlocksEvenIfTheStderrListenerThrows() throws Exception {
    try (LogCapture log = LogCapture.of(LineDrainer.class);
        ProcessPool pool =
            pool(1)
                .onWorkerStderr(
                    line -> {
                      throw new IllegalStateException("listener failed on purpose");
                    })
                .build()) {
      assertEquals(
          100_000L, Codecs.int64().decode(get(pool.submit(TestTasks.CHATTER, int64(100_000)))));
      assertEquals(0, pool.stats().tasksFailed());
      assertTrue(
          log.messages().stream().anyMatch(m -> m.contains("a line listener threw")),
          "the listener's failure is logged: " + log.messages());
    }
  }

  @Test
  void aRequestOverTheFrameLimitIsRefusedAtSubmit() {
    try (ProcessPool pool = pool(1).maxFrameBytes(1024).build()) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> pool.submit(ProcessPool.ECHO_TASK, new byte[2000]));
      assertEquals(
          "a request of 2022 bytes does not fit a frame of at most 1024 bytes", e.getMessage());
    }
  }
}
