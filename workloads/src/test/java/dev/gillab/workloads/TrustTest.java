package dev.gillab.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.workloads.Trust.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The busy-machine rule on made-up samples: no clock, no OS. */
class TrustTest {
  private static final long S = 1_000_000_000L;

  /** A sample at {@code t} seconds with the given load and CPU seconds (JVM, children, machine). */
  private static MachineSample at(
      double t, double load, double jvm, double children, double machine) {
    return new MachineSample(
        (long) (t * S),
        load,
        (long) (jvm * S),
        (long) (children * S),
        machine < 0 ? -1 : (long) (machine * S));
  }

  /** The verdict on a run of one experiment, from {@code start} to {@code end}, on 2 cores. */
  private static List<MachineRow> oneExperiment(
      String experiment, MachineSample start, MachineSample end) {
    return Trust.judge(2, start, List.of(new Span(experiment, start, end)));
  }

  @Test
  void aQuietMachineIsTrustworthyAndTheLineSaysWhatTheJvmHad() {
    MachineSample start = at(0, 0.42, 0, 0, 100);
    List<MachineRow> rows = oneExperiment("cpu", start, at(10, 0.95, 19.3, 0, 100 + 19.3 + 0.5));
    MachineRow r = rows.get(0);
    assertEquals(10, r.seconds(), 1e-9);
    assertEquals(1.93, r.jvmCores(), 1e-9);
    assertEquals(0.05, r.otherCores(), 1e-9);
    assertNull(r.busy());
    assertNull(Trust.verdict(rows));
    assertEquals(
        "machine: load 0.42 -> 0.95, this JVM had 1.93 of 2 cores, other work 0.05 (10.0 s)",
        r.line());
  }

  @Test
  void anExperimentTooShortForTheCpuClockGetsNoCoreFigures() {
    // 0.02 s of wall time holds two or three ticks of the OS's CPU clock: 0.05 s of CPU time
    // over it would read as 2.5 of 2 cores, which no JVM can have.
    MachineSample start = at(0, 2.68, 0, 0, 100);
    MachineRow r =
        Trust.judge(2, start, List.of(new Span("deadlock", start, at(0.02, 2.68, 0.05, 0, 100.05))))
            .get(0);
    assertEquals("machine: load 2.68 -> 2.68 (0.0 s: too short to measure CPU shares)", r.line());
  }

  @Test
  void aHighLoadAtTheStartMakesTheRunABusyMachines() {
    MachineSample start = at(0, 3.1, 0, 0, -1);
    List<MachineRow> rows = oneExperiment("cpu", start, at(10, 3.0, 10, 0, -1));
    assertEquals("load 3.1 on 2 cores at the start of cpu", rows.get(0).busy());
    assertEquals(
        "figures from a busy machine: load 3.1 on 2 cores at the start of cpu;"
            + " read them as such",
        Trust.verdict(rows));
  }

  /** Just at the threshold: 0.5 on 2 cores is not above 0.25 per core. */
  @Test
  void theThresholdIsAQuarterCorePerCoreAboveWhatTheRunUses() {
    MachineSample start = at(0, 0.5, 0, 0, -1);
    assertNull(oneExperiment("io", start, at(0.5, 0.5, 0.1, 0, -1)).get(0).busy());
    MachineSample start2 = at(0, 0.51, 0, 0, -1);
    assertTrue(oneExperiment("io", start2, at(0.5, 0.5, 0.1, 0, -1)).get(0).busy() != null);
  }

  /**
   * Without the machine's busy time, the run's own load is discounted: after 60 s at 2 cores, the
   * load of 2.5 at io's start is mostly this run's own (2 × (1 − 1/e) ≈ 1.26), so only about 1.24
   * is other work: busy is 1.0.
   */
  @Test
  void theRunsOwnLoadIsAMovingAverageOfItsCpuShare() {
    MachineSample start = at(0, 0.1, 0, 0, -1);
    MachineSample afterCpu = at(60, 2.5, 100, 20, -1);
    List<MachineRow> rows =
        Trust.judge(
            2,
            start,
            List.of(
                new Span("cpu", start, afterCpu),
                new Span("io", afterCpu, at(61, 2.2, 100.1, 20, -1))));
    assertEquals(2 * (1 - Math.exp(-1)), rows.get(1).ownLoadBefore(), 1e-9);
    assertEquals("load 2.5 on 2 cores at the start of io", rows.get(1).busy());

    // The same run with less of the load other work's (0.44: under 0.25 per core) is trustworthy.
    MachineSample quieter = at(60, 1.7, 100, 20, -1);
    assertNull(
        Trust.judge(
                2,
                start,
                List.of(
                    new Span("cpu", start, quieter),
                    new Span("io", quieter, at(61, 1.7, 100.1, 20, -1))))
            .get(1)
            .busy());
  }

  /**
   * Seen on an idle machine: the load at the start of convoy was 1.8 on 2 cores, all of it the
   * run's own waiting threads, while the machine's busy time showed no other work at all. Where
   * busy time is known, it decides.
   */
  @Test
  void whereTheMachinesBusyTimeIsKnownTheLoadAtTheStartDoesNotDecide() {
    MachineSample start = at(0, 0.3, 0, 0, 1000);
    MachineSample afterIo = at(30, 1.75, 2, 2, 1004);
    List<MachineRow> rows =
        Trust.judge(
            2,
            start,
            List.of(
                new Span("io", start, afterIo),
                new Span("convoy", afterIo, at(39, 1.79, 2 + 16.5, 2, 1004 + 16.5))));
    assertEquals(0, rows.get(1).otherCores(), 1e-9);
    assertNull(rows.get(1).busy());
    assertNull(Trust.verdict(rows));
  }

  @Test
  void otherWorkThatFillsTheMachineDuringAnExperimentMakesItBusy() {
    MachineSample start = at(0, 0.2, 0, 0, 1000);
    // 10 s: this JVM 13 CPU s (1.3 cores), its workers 2 (0.2), the machine 20: other work 0.5.
    List<MachineRow> rows = oneExperiment("cpu", start, at(10, 1.9, 13, 2, 1020));
    assertEquals(0.2, rows.get(0).workerCores(), 1e-9);
    assertEquals(0.5, rows.get(0).otherCores(), 1e-9);
    assertNull(rows.get(0).busy(), "exactly a quarter core per core is not above it");

    // Seen: 0.55 of 2 cores of other work during cpu took its parallel modes from 1.8x to 1.2x.
    rows = oneExperiment("cpu", start, at(10, 1.9, 12, 2, 1020));
    assertEquals(0.6, rows.get(0).otherCores(), 1e-9);
    assertEquals("other work took 0.6 of 2 cores during cpu", rows.get(0).busy());
  }

  /** Other work beside an idle run took no CPU the run wanted: the machine was not full. */
  @Test
  void otherWorkOnAMachineThatWasNotFullLeavesTheFiguresAlone() {
    MachineSample start = at(0, 0.2, 0, 0, 1000);
    List<MachineRow> rows = oneExperiment("io", start, at(10, 1.0, 1, 0, 1013));
    assertEquals(1.2, rows.get(0).otherCores(), 1e-9);
    assertNull(rows.get(0).busy());
  }

  @Test
  void withoutTheMachinesBusyTimeTheLoadAfterStandsIn() {
    MachineSample start = at(0, 0.2, 0, 0, -1);
    List<MachineRow> rows = oneExperiment("cpu", start, at(10, 3.0, 10, 0, -1));
    assertNull(rows.get(0).otherCores());
    assertTrue(rows.get(0).busy().startsWith("other work took 2."), rows.get(0).busy());
  }

  @Test
  void aShortExperimentIsNotJudgedOnWhatHappenedDuringIt() {
    MachineSample start = at(0, 0.2, 0, 0, 1000);
    assertNull(oneExperiment("deadlock", start, at(0.1, 0.2, 0.05, 0, 1000.2)).get(0).busy());
  }

  @Test
  void theVerdictNamesTheFirstBusyExperimentAndCountsTheRest() {
    MachineSample a = at(0, 4, 0, 0, -1);
    MachineSample b = at(1, 4, 0.1, 0, -1);
    MachineSample c = at(2, 4, 0.2, 0, -1);
    List<MachineRow> rows =
        Trust.judge(
            2,
            a,
            List.of(
                new Span("cpu", a, b),
                new Span("io", b, c),
                new Span("race", c, at(3, 0.1, 0.3, 0, -1))));
    assertEquals(
        "figures from a busy machine: load 4.0 on 2 cores at the start of cpu"
            + " (and 2 more: io, race); read them as such",
        Trust.verdict(rows));
  }

  @Test
  void busyTimeComesFromProcStatsCpuLine() {
    assertEquals(
        (31489 + 0 + 3867 + 0 + 118 + 937) * 10_000_000L,
        dev.gillab.workloads.internal.MachineMeter.busyNanos(
            "cpu  31489 0 3867 90338 262 0 118 937 0 0"));
    assertEquals(-1, dev.gillab.workloads.internal.MachineMeter.busyNanos("cpu0 1 2 3 4 5 6 7 8"));
  }
}
