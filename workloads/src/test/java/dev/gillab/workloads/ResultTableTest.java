package dev.gillab.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {
  @Test
  void rendersFiguresRightAlignedAndDashesForMissingOnes() {
    String t =
        ResultTable.render(
            "cpu",
            List.of(
                new ResultRow("cpu", "sequential", "interval(5ms)", 2, 0.6, 1.0, 1L, 0.0),
                new ResultRow(
                    "cpu", "virtual-threads", "interval(5ms)", 2, 0.31234, 1.92, 1234L, null)));
    assertEquals(
        String.join(
            System.lineSeparator(),
            "cpu",
            "mode             policy         workers  median s  speed-up  GIL switches  GIL wait %",
            "sequential       interval(5ms)        2     0.600     1.00x             1         0.0",
            "virtual-threads  interval(5ms)        2     0.312     1.92x         1,234           -",
            ""),
        t);
  }

  /**
   * A round trip beside CPU-bound threads faster than alone is noise, not a speed-up. The note ends
   * its line like the table does, so whatever prints next starts a line of its own.
   */
  @Test
  void aConvoyRowBelowItsBaselineShowsNoSlowdownAndTheTableSaysWhy() {
    String t =
        ResultTable.renderConvoy(
            List.of(
                ConvoyRow.of("interval(5ms)", 1, 20.0, 5100.0),
                ConvoyRow.of("none", 1, 20.0, 18.5)));
    assertEquals(
        String.join(
            System.lineSeparator(),
            "convoy — echo round trips alone and beside CPU-bound threads",
            "policy         CPU threads  round trip alone µs  beside CPU µs  slowdown",
            "interval(5ms)  1                           20.0         5100.0    255.0x",
            "none           1                           20.0           18.5      none",
            "",
            ConvoyRow.NONE_NOTE,
            ""),
        t);
  }

  @Test
  void skippedRowsSayWhy() {
    assertEquals(
        "skipped: threads-nogil-atomic (policy none): no GIL yet" + System.lineSeparator(),
        ResultTable.renderSkipped(
            List.of(new SkippedRow("cpu", "threads-nogil-atomic", "none", "no GIL yet"))));
  }

  @Test
  void median() {
    assertEquals(2.0, Median.of(3, 1, 2));
    assertEquals(2.5, Median.of(4, 1, 2, 3));
  }

  /** Every count of the race table groups its thousands, leaks and uses after free included. */
  @Test
  void raceCountsGroupTheirThousandsInEveryColumn() {
    String t =
        ResultTable.renderRace(
            List.of(
                new RaceRow(
                    "threads-nogil-plain",
                    "none",
                    "PLAIN",
                    2,
                    200_000,
                    200_000,
                    1_234,
                    199_489,
                    false)));
    assertEquals(
        String.join(
            System.lineSeparator(),
            "race — a shared list hammered by 2 threads; what the heap caught",
            "mode                 policy  counts  threads  appends  list length  use-after-free"
                + "    leaks    verdict",
            "threads-nogil-plain  none     PLAIN        2  200,000      200,000           1,234"
                + "  199,489  CORRUPTED",
            ""),
        t);
  }
}
