package dev.gillab.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.gillab.process.Frame;
import dev.gillab.process.PoolStats;
import dev.gillab.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * A fault on a slot thread that no job was running into: the slot must not die of it (a dead slot
 * leaves every job after it pending), so it asks the hub again. What the slot asks of its hub is
 * the point here, so the hub is a mock; no worker JVM starts.
 */
class PoolSlotTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static SlotConfig launching(Runnable launcher) {
    return new SlotConfig(
        () -> {
          launcher.run();
          throw new AssertionError("the test's launcher never returns a worker");
        },
        Frame.DEFAULT_MAX_FRAME_BYTES,
        0,
        WAIT,
        "",
        new byte[0]);
  }

  @Test
  void anErrorFromTheHubRestartsTheSlotInsteadOfEndingIt() throws Exception {
    SlotHub hub = mock(SlotHub.class);
    when(hub.next(anyBoolean(), any()))
        .thenThrow(new OutOfMemoryError("injected: the hub ran out of memory"))
        .thenReturn(Next.stop());
    try (LogCapture log = LogCapture.of(PoolSlot.class)) {
      PoolSlot slot = new PoolSlot(0, launching(() -> {}), new Counters(), hub);
      slot.start();
      assertTrue(slot.join(WAIT));
      verify(hub, times(2)).next(eq(true), any());
      assertEquals(List.of("process-pool-slot-0 starts over after a fault"), log.messages());
      assertEquals(
          "injected: the hub ran out of memory", log.records().get(0).getThrown().getMessage());
    }
  }

  @Test
  void anErrorLaunchingAWorkerFailsAQueuedJobAndTheSlotGoesOn() throws Exception {
    OutOfMemoryError injected = new OutOfMemoryError("injected: unable to create native thread");
    Job job = new Job(1, "gillab.echo", new byte[0], Optional.empty());
    SlotHub hub = mock(SlotHub.class);
    when(hub.next(anyBoolean(), any())).thenReturn(Next.startWorker(), Next.stop());
    when(hub.pollJob()).thenReturn(Optional.of(job));
    Counters counters = new Counters();
    PoolSlot slot =
        new PoolSlot(
            0,
            launching(
                () -> {
                  throw injected;
                }),
            counters,
            hub);
    slot.start();
    assertTrue(slot.join(WAIT));
    // The slot has ended, so the job's state is final: failed with the fault, not pending.
    assertTrue(job.future().isDone(), "the queued job was left pending");
    assertSame(injected, assertThrows(ExecutionException.class, job.future()::get).getCause());
    verify(hub, times(2)).next(eq(true), any());
    assertEquals(new PoolStats(0, 1, 0, 0, 0, 0), counters.snapshot());
  }
}
