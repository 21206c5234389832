package dev.gillab.workloads;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.process.ProcessPool;
import dev.gillab.refcount.CountStrategy;
import dev.gillab.workloads.internal.IoHost;
import dev.gillab.workloads.internal.TaskReport;
import dev.gillab.workloads.internal.VirtualThreads;
import dev.gillab.workloads.internal.WorkerTasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The claims each experiment rests on, shown without a clock. */
class ExperimentsIT {
  private static final PolicyChoice INTERVAL_1MS = PolicyChoice.interval(Duration.ofMillis(1));

  /**
   * Four threads of one interpreter call a GIL-holding probe until every one of them has been
   * inside it: the GIL changed hands, and never were two threads inside at once.
   */
  @Test
  void underTheGilTheEvalLoopIsNeverEnteredByTwoThreadsAtOnce() {
    assertTimeoutPreemptively(
        ofMinutes(1),
        () -> {
          CpuExperiment.Probe p = CpuExperiment.probeEvalLoop(INTERVAL_1MS, 4);
          assertEquals(1, p.maxInside());
          assertEquals(4, p.threadsSeen());
          assertTrue(p.switches() >= 3, "the GIL passed to each thread: " + p.switches());
        });
  }

  /**
   * Two countdown tasks on a pool of two, each ending with a round trip to a server that answers
   * only once both asked: the two tasks ran in two processes, and their intervals overlap.
   */
  @Test
  void processesModeTaskIntervalsOverlap() {
    assertTimeoutPreemptively(
        ofMinutes(1),
        () -> {
          try (EchoServer meeting = EchoServer.holdingReplies(2);
              ProcessPool pool =
                  ProcessPool.builder().workers(2).taskModule(WorkerTasks.class).build()) {
            assertTrue(pool.awaitReady(ofSeconds(45)));
            AtomicReference<List<TaskReport>> reports = new AtomicReference<>();
            CpuExperiment.processes(
                pool, PolicyChoice.defaultPolicy(), 2, 10_000, meeting.port(), reports);
            List<TaskReport> rs = reports.get();
            assertEquals(2, rs.size());
            assertNotEquals(rs.get(0).pid(), rs.get(1).pid());
            assertNotEquals(ProcessHandle.current().pid(), rs.get(0).pid());
            assertTrue(rs.get(0).overlaps(rs.get(1)), rs.toString());
          }
        });
  }

  /**
   * Four IO threads under the GIL, against a server that answers nobody until all four wait: every
   * thread's echo wait overlaps every other's, which only threads that let go of the GIL while they
   * wait can do.
   */
  @Test
  void ioThreadsWaitsOverlap() {
    assertTimeoutPreemptively(
        ofMinutes(1),
        () -> {
          Settings s = Settings.of(Sizes.quick().withWorkers(4), PolicyChoice.defaultPolicy());
          try (EchoServer server = EchoServer.holdingReplies(4)) {
            IoExperiment.ThreadsRun run = IoExperiment.threads(s, server, true, null);
            Map<String, List<IoHost.Wait>> echoes =
                run.waits().stream()
                    .filter(w -> w.kind().equals("echo"))
                    .collect(Collectors.groupingBy(IoHost.Wait::thread));
            assertEquals(4, echoes.size(), run.waits().toString());
            List<IoHost.Wait> first = new ArrayList<>();
            echoes.values().forEach(ws -> first.add(ws.get(0)));
            for (IoHost.Wait a : first) {
              for (IoHost.Wait b : first) {
                assertTrue(a.overlaps(b), a + " / " + b);
              }
            }
            assertEquals(4, run.waits().stream().filter(w -> w.kind().equals("nap")).count());
          }
        });
  }

  @Test
  void virtualThreadsRunWhereTheJdkHasThemAndAreSkippedWithTheReasonElsewhere() {
    if (Runtime.version().feature() >= 21) {
      assertTrue(VirtualThreads.factory("v-").isPresent());
      assertTrue(VirtualThreads.unavailableReason().isEmpty());
    } else {
      assertEquals(
          "the running JDK "
              + Runtime.version().feature()
              + " has no virtual threads (they came in JDK 21)",
          VirtualThreads.unavailableReason().orElseThrow());
    }
  }

  @Test
  void underTheGilEveryCountStrategyIsClean() {
    assertTimeoutPreemptively(
        ofMinutes(1),
        () -> {
          for (CountStrategy c :
              List.of(CountStrategy.PLAIN, CountStrategy.ATOMIC, CountStrategy.BIASED)) {
            RaceRow row = RaceExperiment.hammer(INTERVAL_1MS, c, 5_000);
            assertEquals(
                new RaceRow(
                    "threads-gil", "interval(1ms)", c.name(), 2, 10_000, 10_000, 0, 0, true),
                row);
          }
        });
  }

  /** Free-threaded with safe counts: every append kept, nothing freed twice, nothing leaked. */
  @Test
  void withoutTheGilSafeCountsAreClean() {
    assertTimeoutPreemptively(
        ofMinutes(1),
        () -> {
          PolicyChoice none = PolicyChoice.of("none", Duration.ofMillis(5));
          for (CountStrategy c : List.of(CountStrategy.ATOMIC, CountStrategy.BIASED)) {
            RaceRow row = RaceExperiment.hammer(none, c, 5_000);
            assertEquals(
                new RaceRow(
                    "threads-nogil-" + c.name().toLowerCase(java.util.Locale.ROOT),
                    "none",
                    c.name(),
                    2,
                    10_000,
                    10_000,
                    0,
                    0,
                    true),
                row);
          }
        });
  }

  /** Repeated, because which thread closes the cycle varies from run to run. */
  @Test
  void oppositeOrderIsDetectedNamedAndRecoveredFrom() {
    assertTimeoutPreemptively(
        ofMinutes(1),
        () -> {
          for (int i = 0; i < 10; i++) {
            DeadlockRow row = DeadlockExperiment.oppositeOrder(PolicyChoice.defaultPolicy());
            assertTrue(row.detected());
            assertTrue(row.recovered());
            assertTrue(row.cycle().startsWith("deadlock: "), row.cycle());
            assertTrue(row.cycle().contains("worker-1 holds A and waits for B"), row.cycle());
            assertTrue(row.cycle().contains("worker-2 holds B and waits for A"), row.cycle());
          }
        });
  }

  @Test
  void convoyMeasuresEveryPolicyBesideOneToKCpuThreads() {
    assertTimeoutPreemptively(
        ofMinutes(1),
        () -> {
          Settings s = Settings.of(Sizes.quick().withWorkers(2), PolicyChoice.defaultPolicy());
          Outcome<ConvoyRow> o = ConvoyExperiment.run(s);
          assertEquals(
              List.of(
                  "interval(5ms)",
                  "interval(5ms)",
                  "ticks(100)",
                  "ticks(100)",
                  "ioPriority(5ms)",
                  "ioPriority(5ms)",
                  "none",
                  "none"),
              o.rows().stream().map(ConvoyRow::policy).toList());
          assertEquals(
              List.of(1, 2, 1, 2, 1, 2, 1, 2),
              o.rows().stream().map(ConvoyRow::cpuThreads).toList());
          for (ConvoyRow r : o.rows()) {
            assertTrue(
                r.roundTripMicrosAlone() > 0 && r.roundTripMicrosBesideCpu() > 0, r.toString());
          }
          assertEquals(
              1,
              o.rows().stream().mapToDouble(ConvoyRow::roundTripMicrosAlone).distinct().count(),
              "one baseline for every row: " + o.rows());
          assertEquals(List.of(), o.skipped());
        });
  }

  @Test
  void freeThreadedPlainCountsAreBoundedAndReported() {
    assertTimeoutPreemptively(
        ofMinutes(1),
        () -> {
          PolicyChoice none = PolicyChoice.of("none", Duration.ofMillis(5));
          // What PLAIN counts lose varies from run to run; the row must say what was caught.
          for (int i = 0; i < 3; i++) {
            RaceRow row = RaceExperiment.hammer(none, CountStrategy.PLAIN, 5_000);
            assertEquals(RaceExperiment.FREE_THREADED_PLAIN, row.mode());
            assertEquals("none", row.policy());
            assertEquals(10_000, row.expectedLength());
            assertTrue(row.listLength() <= 10_000, row.toString());
            assertTrue(row.useAfterFree() >= 0 && row.leaks() >= 0, row.toString());
            if (row.clean()) {
              assertEquals(0, row.useAfterFree() + row.leaks(), row.toString());
              assertEquals(10_000, row.listLength(), row.toString());
            }
          }
        });
  }
}
