package dev.gillab.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonResultsTest {
  @TempDir Path dir;

  @Test
  void roundTripsThroughAFile() throws Exception {
    SuiteResult r =
        new SuiteResult(
            "JVM 17",
            2,
            List.of(new ResultRow("cpu", "threads-gil", "interval(5ms)", 2, 0.7, 0.9, 80L, 45.5)),
            List.of(ConvoyRow.of("interval(5ms)", 1, 50, 5000)),
            List.of(new RaceRow("threads-gil", "interval(5ms)", "ATOMIC", 2, 10, 10, 0, 0, true)),
            List.of(new DeadlockRow("opposite-order", true, "deadlock: a", true, 0.1)),
            List.of(new SkippedRow("cpu", "threads-nogil-atomic", "none", "why")),
            List.of(),
            null);
    Path f = dir.resolve("r.json");
    JsonResults.write(r, f);
    assertEquals(r, JsonResults.read(f));
    assertEquals(100.0, r.convoy().get(0).slowdown());
  }
}
