package dev.gillab.workloads;

import static java.time.Duration.ofMinutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.process.ProcessPool;
import dev.gillab.refcount.CountStrategy;
import dev.gillab.workloads.internal.Sample;
import dev.gillab.workloads.internal.WorkerTasks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cpu experiment's speed-ups are over {@code sequential}, so the baseline must do exactly the
 * work every other mode does: the same program, on an interpreter built the same way, through the
 * same eval-breaker checks. That is asserted on what the interpreters count — the instructions
 * their threads executed — never on times: a baseline running other code, or fewer or more checks,
 * would count differently.
 */
class FairBaselineTest {
  private static final int WORKERS = 2;
  private static final Sizes SIZES = Sizes.quick().withWorkers(WORKERS);
  private static final long N = SIZES.countdown();

  @ParameterizedTest
  @ValueSource(strings = {"interval", "ticks", "io-priority"})
  void everyModeExecutesExactlyTheInstructionsOfTheSequentialBaseline(String policyName) {
    assertTimeoutPreemptively(
        ofMinutes(1),
        () -> {
          PolicyChoice policy = PolicyChoice.of(policyName, Duration.ofMillis(5));
          PolicyChoice none = PolicyChoice.of("none", Duration.ofMillis(5));
          Settings s = Settings.of(SIZES, policy);

          Map<String, Sample> runs = new LinkedHashMap<>();
          runs.put("sequential", CpuExperiment.sequential(s));
          runs.put("threads-gil", CpuExperiment.threads(policy, null, WORKERS, N));
          runs.put(
              "threads-nogil-atomic",
              CpuExperiment.threads(none, CountStrategy.ATOMIC, WORKERS, N));
          runs.put(
              "threads-nogil-biased",
              CpuExperiment.threads(none, CountStrategy.BIASED, WORKERS, N));
          runs.put("subinterpreters", CpuExperiment.subinterpreters(policy, WORKERS, N));

          long baseline = runs.get("sequential").instructions();
          // countdown's loop body is several instructions per iteration, for each worker.
          assertTrue(baseline > 2 * WORKERS * N, "sequential ran " + baseline);
          runs.forEach(
              (mode, sample) ->
                  assertEquals(baseline, sample.instructions(), mode + " under " + policy.label()));
        });
  }

  @Test
  void workerProcessesExecuteTheInstructionsOfTheSequentialBaseline() {
    assertTimeoutPreemptively(
        ofMinutes(1),
        () -> {
          PolicyChoice policy = PolicyChoice.defaultPolicy();
          Settings s = Settings.of(SIZES, policy);
          try (ProcessPool pool =
              ProcessPool.builder().workers(WORKERS).taskModule(WorkerTasks.class).build()) {
            assertTrue(pool.awaitReady(Duration.ofSeconds(50)), "worker JVMs ready");
            Sample processes =
                CpuExperiment.processes(
                    pool, policy, WORKERS, N, 0, new AtomicReference<>(List.of()));
            assertEquals(CpuExperiment.sequential(s).instructions(), processes.instructions());
          }
        });
  }
}
