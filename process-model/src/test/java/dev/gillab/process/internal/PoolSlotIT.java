package dev.gillab.process.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.gillab.process.ChildJvm;
import dev.gillab.process.Frame;
import dev.gillab.process.PoolStats;
import dev.gillab.process.ProcessPool;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An Error on a slot thread while it runs a job (here: completing the job's future throws, as an
 * OutOfMemoryError copying a reply would): that job fails with it, the worker is replaced, and the
 * next job runs. Real worker JVMs; the hub is a mock that hands out the two jobs.
 */
class PoolSlotIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @AfterEach
  void noChildLeft() {
    await("no descendant process left")
        .atMost(Duration.ofSeconds(15))
        .until(() -> ProcessHandle.current().descendants().count() == 0);
  }

  @Test
  void anErrorWhileRunningAJobFailsItAndTheNextJobRunsOnAFreshWorker() throws Exception {
    OutOfMemoryError injected = new OutOfMemoryError("injected: no memory for the reply");
    CompletableFuture<byte[]> faulty =
        new CompletableFuture<>() {
          @Override
          public boolean complete(byte[] value) {
            throw injected;
          }
        };
    Job first = new Job(1, ProcessPool.ECHO_TASK, new byte[] {1}, Optional.empty(), faulty);
    Job second = new Job(2, ProcessPool.ECHO_TASK, new byte[] {2}, Optional.empty());
    SlotHub hub = mock(SlotHub.class);
    when(hub.next(eq(true), any())).thenReturn(Next.startWorker(), Next.startWorker(), Next.stop());
    when(hub.next(eq(false), any())).thenReturn(Next.run(first), Next.run(second), Next.stop());
    Counters counters = new Counters();
    SlotConfig config =
        new SlotConfig(
            () ->
                ChildJvm.builder(WorkerMain.class)
                    .args("--max-frame-bytes", Integer.toString(Frame.DEFAULT_MAX_FRAME_BYTES))
                    .pipeStdout()
                    .start(),
            Frame.DEFAULT_MAX_FRAME_BYTES,
            0,
            WAIT,
            "",
            new byte[0]);
    PoolSlot slot = new PoolSlot(0, config, counters, hub);
    slot.start();
    assertTrue(slot.join(Duration.ofSeconds(60)));
    // The slot has ended, so both futures are final.
    assertTrue(first.future().isDone(), "the job the fault hit was left pending");
    assertSame(injected, assertThrows(ExecutionException.class, first.future()::get).getCause());
    assertArrayEquals(new byte[] {2}, second.future().getNow(null));
    assertEquals(new PoolStats(1, 1, 2, 0, 0, 1), counters.snapshot());
  }
}
