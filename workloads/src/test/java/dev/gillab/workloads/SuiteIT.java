package dev.gillab.workloads;

import static java.time.Duration.ofMinutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole suite at {@code --quick} sizes, in-process, under every policy: every mode of every
 * experiment (free-threaded ones and every convoy policy included) either ran or was skipped with a
 * reason, and the JSON document is well formed with every field present.
 */
class SuiteIT {
  private static final List<String> RESULT_FIELDS =
      List.of(
          "experiment",
          "mode",
          "policy",
          "workers",
          "medianSeconds",
          "speedup",
          "gilSwitches",
          "gilWaitPercent",
          "runs",
          "ciLowSeconds",
          "ciHighSeconds");
  private static final List<String> CONVOY_FIELDS =
      List.of(
          "policy",
          "cpuThreads",
          "roundTripMicrosAlone",
          "roundTripMicrosBesideCpu",
          "slowdown",
          "belowBaseline");
  private static final List<String> RACE_FIELDS =
      List.of(
          "mode",
          "policy",
          "counts",
          "threads",
          "expectedLength",
          "listLength",
          "useAfterFree",
          "leaks",
          "clean");
  private static final List<String> DEADLOCK_FIELDS =
      List.of("scenario", "detected", "cycle", "recovered", "seconds");
  private static final List<String> SKIPPED_FIELDS =
      List.of("experiment", "mode", "policy", "reason");
  private static final List<String> MACHINE_FIELDS =
      List.of(
          "experiment",
          "seconds",
          "cores",
          "loadBefore",
          "loadAfter",
          "ownLoadBefore",
          "jvmCores",
          "workerCores",
          "otherCores",
          "busy");

  @TempDir Path dir;

  /** The whole suite under each policy: the free-threaded and convoy rows never depend on it. */
  @ParameterizedTest
  @ValueSource(strings = {"interval", "ticks", "io-priority", "none"})
  void everyModeOfEveryExperimentRunsOrSaysWhyNot(String policy) throws Exception {
    Path json = dir.resolve("results.json");
    Cli r =
        assertTimeoutPreemptively(
            ofMinutes(1), () -> Cli.run("--quick", "--policy", policy, "--json", json.toString()));
    PolicyChoice chosen = PolicyChoice.of(policy, Duration.ofMillis(5));
    assertEquals(0, r.exit(), r.err());
    UsageErrorsTest.assertNoStackTrace(r);

    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertEquals(
        Set.of(
            "java",
            "cores",
            "results",
            "convoy",
            "race",
            "deadlock",
            "skipped",
            "machine",
            "busyMachine"),
        fieldNames(doc));
    assertTrue(doc.get("java").asText().contains(String.valueOf(Runtime.version().feature())));
    assertEquals(Runtime.getRuntime().availableProcessors(), doc.get("cores").asInt());

    Set<String> cpu = new HashSet<>();
    Set<String> io = new HashSet<>();
    for (JsonNode row : doc.get("results")) {
      assertEquals(Set.copyOf(RESULT_FIELDS), fieldNames(row), row.toString());
      assertTrue(row.get("medianSeconds").isNumber() && row.get("medianSeconds").asDouble() > 0);
      assertTrue(row.get("speedup").isNumber() && row.get("speedup").asDouble() > 0);
      // Switches and GIL wait come from the GIL's own statistics; no GIL, no figures.
      boolean hasGil = !row.get("policy").asText().equals("none");
      assertEquals(hasGil, row.get("gilSwitches").isNumber(), row.toString());
      assertEquals(hasGil, row.get("gilWaitPercent").isNumber(), row.toString());
      assertEquals(!hasGil, row.get("gilSwitches").isNull(), row.toString());
      if (hasGil) {
        double wait = row.get("gilWaitPercent").asDouble();
        assertTrue(wait >= 0 && wait <= 100, row.toString());
        assertTrue(row.get("gilSwitches").asLong() >= 1, row.toString());
      }
      String mode = row.get("mode").asText();
      assertEquals(
          mode.startsWith("threads-nogil") ? "none" : chosen.label(),
          row.get("policy").asText(),
          row.toString());
      (row.get("experiment").asText().equals("cpu") ? cpu : io).add(row.get("mode").asText());
    }
    // Where the running JDK has virtual threads (21 or later), the io experiment runs them and
    // its row was checked above; on 17 it is skipped, with the reason.
    boolean virtual = Runtime.version().feature() >= 21;
    assertEquals(virtual, io.contains("virtual-threads"), "io rows that ran: " + io);
    for (JsonNode row : doc.get("skipped")) {
      assertEquals(Set.copyOf(SKIPPED_FIELDS), fieldNames(row), row.toString());
      assertTrue(!row.get("reason").asText().isBlank());
      String mode = row.get("mode").asText();
      switch (row.get("experiment").asText()) {
        case "cpu" -> assertTrue(cpu.add(mode), "ran and skipped: " + mode);
        case "io" -> assertTrue(io.add(mode), "ran and skipped: " + mode);
        default -> {}
      }
    }
    assertEquals(
        Set.of(
            "sequential",
            "threads-gil",
            "threads-nogil-atomic",
            "threads-nogil-biased",
            "processes",
            "subinterpreters"),
        cpu);
    assertEquals(Set.of("sequential", "threads-gil", "processes", "virtual-threads"), io);

    List<String> convoy = new ArrayList<>();
    for (JsonNode row : doc.get("convoy")) {
      assertEquals(Set.copyOf(CONVOY_FIELDS), fieldNames(row), row.toString());
      assertTrue(row.get("roundTripMicrosAlone").asDouble() > 0);
      assertTrue(row.get("roundTripMicrosBesideCpu").asDouble() > 0);
      assertTrue(row.get("slowdown").asDouble() > 0);
      convoy.add(row.get("policy").asText() + " " + row.get("cpuThreads").asInt());
    }
    assertEquals(List.of("interval(5ms) 1", "ticks(100) 1", "ioPriority(5ms) 1", "none 1"), convoy);
    List<String> race = new ArrayList<>();
    for (JsonNode row : doc.get("race")) {
      assertEquals(Set.copyOf(RACE_FIELDS), fieldNames(row), row.toString());
      race.add(row.get("mode").asText() + " " + row.get("counts").asText());
      // Under a GIL, or without one but with safe counts (and the list's own lock): clean.
      boolean safe =
          row.get("mode").asText().equals("threads-gil")
              || !row.get("counts").asText().equals("PLAIN");
      if (safe) {
        assertTrue(row.get("clean").asBoolean(), row.toString());
      } else {
        assertEquals("none", row.get("policy").asText());
        assertEquals(
            row.get("clean").asBoolean(),
            row.get("useAfterFree").asLong() == 0
                && row.get("leaks").asLong() == 0
                && row.get("listLength").asLong() == row.get("expectedLength").asLong(),
            row.toString());
      }
    }
    assertEquals(
        List.of(
            "threads-nogil-plain PLAIN",
            "threads-nogil-atomic ATOMIC",
            "threads-nogil-biased BIASED",
            "threads-gil PLAIN",
            "threads-gil ATOMIC",
            "threads-gil BIASED"),
        race);
    assertEquals(1, doc.get("deadlock").size());
    for (JsonNode row : doc.get("deadlock")) {
      assertEquals(Set.copyOf(DEADLOCK_FIELDS), fieldNames(row), row.toString());
      assertTrue(row.get("detected").asBoolean() && row.get("recovered").asBoolean());
    }

    // The machine around each experiment, and the verdict first on stdout when it is a busy one.
    List<String> measured = new ArrayList<>();
    for (JsonNode row : doc.get("machine")) {
      assertEquals(Set.copyOf(MACHINE_FIELDS), fieldNames(row), row.toString());
      assertTrue(row.get("seconds").asDouble() > 0 && row.get("jvmCores").asDouble() >= 0);
      measured.add(row.get("experiment").asText());
    }
    assertEquals(List.of("cpu", "io", "convoy", "race", "deadlock"), measured);
    assertTrue(
        doc.get("machine").get(0).get("workerCores").asDouble() > 0,
        "the worker JVMs' CPU counted: " + doc.get("machine").get(0));
    assertEquals(5, r.out().lines().filter(l -> l.startsWith("machine: load ")).count(), r.out());
    String first = r.out().lines().findFirst().orElseThrow();
    if (doc.get("busyMachine").isNull()) {
      assertTrue(first.startsWith("gil-lab on "), first);
    } else {
      assertEquals(doc.get("busyMachine").asText(), first);
      assertTrue(first.startsWith("figures from a busy machine: "), first);
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
