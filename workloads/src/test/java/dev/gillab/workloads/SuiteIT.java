package dev.gillab.workloads;

import static java.time.Duration.ofMinutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole suite at {@code --quick} sizes, in-process: every mode of every experiment either ran
 * or was skipped with a reason, and the JSON document is well formed with every field present.
 */
class SuiteIT {
  private static final List<String> RESULT_FIELDS =
      List.of("experiment", "mode", "policy", "workers", "medianSeconds", "speedup",
          "gilSwitches", "gilWaitPercent");
  private static final List<String> CONVOY_FIELDS =
      List.of("policy", "cpuThreads", "roundTripMicrosAlone", "roundTripMicrosBesideCpu", "slowdown");
  private static final List<String> RACE_FIELDS =
      List.of("mode", "policy", "counts", "threads", "expectedLength", "listLength",
          "useAfterFree", "leaks", "clean");
  private static final List<String> DEADLOCK_FIELDS =
      List.of("scenario", "detected", "cycle", "recovered", "seconds");
  private static final List<String> SKIPPED_FIELDS =
      List.of("experiment", "mode", "policy", "reason");

  @TempDir Path dir;

  @Test
  void everyModeOfEveryExperimentRunsOrSaysWhyNot() throws Exception {
    Path json = dir.resolve("results.json");
    Cli r =
        assertTimeoutPreemptively(
            ofMinutes(2), () -> Cli.run("--quick", "--json", json.toString()));
    assertEquals(0, r.exit(), r.err());
    UsageErrorsTest.assertNoStackTrace(r);

    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertEquals(
        Set.of("java", "cores", "results", "convoy", "race", "deadlock", "skipped"),
        fieldNames(doc));
    assertTrue(doc.get("java").asText().contains(String.valueOf(Runtime.version().feature())));
    assertEquals(Runtime.getRuntime().availableProcessors(), doc.get("cores").asInt());

    Set<String> cpu = new HashSet<>();
    Set<String> io = new HashSet<>();
    for (JsonNode row : doc.get("results")) {
      assertEquals(Set.copyOf(RESULT_FIELDS), fieldNames(row), row.toString());
      assertTrue(row.get("medianSeconds").isNumber() && row.get("medianSeconds").asDouble() > 0);
      assertTrue(row.get("speedup").isNumber() && row.get("speedup").asDouble() > 0);
      assertTrue(row.get("gilSwitches").isNumber(), row.toString());
      (row.get("experiment").asText().equals("cpu") ? cpu : io).add(row.get("mode").asText());
    }
    for (JsonNode row : doc.get("skipped")) {
      assertEquals(Set.copyOf(SKIPPED_FIELDS), fieldNames(row), row.toString());
      assertTrue(!row.get("reason").asText().isBlank());
      String mode = row.get("mode").asText();
      switch (row.get("experiment").asText()) {
        case "cpu" -> assertTrue(cpu.add(mode), "ran and skipped: " + mode);
        case "io" -> assertTrue(io.add(mode), "ran and skipped: " + mode);
        default -> { }
      }
    }
    assertEquals(
        Set.of("sequential", "threads-gil", "threads-nogil-atomic", "threads-nogil-biased",
            "processes", "subinterpreters"),
        cpu);
    assertEquals(Set.of("sequential", "threads-gil", "processes", "virtual-threads"), io);

    assertTrue(doc.get("convoy").size() >= 1);
    for (JsonNode row : doc.get("convoy")) {
      assertEquals(Set.copyOf(CONVOY_FIELDS), fieldNames(row), row.toString());
      assertTrue(row.get("roundTripMicrosAlone").asDouble() > 0);
    }
    assertEquals(3, doc.get("race").size());
    for (JsonNode row : doc.get("race")) {
      assertEquals(Set.copyOf(RACE_FIELDS), fieldNames(row), row.toString());
      assertTrue(row.get("clean").asBoolean(), row.toString());
    }
    assertEquals(1, doc.get("deadlock").size());
    for (JsonNode row : doc.get("deadlock")) {
      assertEquals(Set.copyOf(DEADLOCK_FIELDS), fieldNames(row), row.toString());
      assertTrue(row.get("detected").asBoolean() && row.get("recovered").asBoolean());
    }

    for (String title : List.of("cpu —", "io —", "convoy —", "race —", "deadlock —")) {
      assertTrue(r.out().contains(title), "no table " + title + " in\n" + r.out());
    }
    assertTrue(r.err().contains("gil-lab: running cpu"), "progress goes to stderr");
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new HashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
