package dev.gillab.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs' figures against the bands, on made-up JSON documents. */
class BandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode run(double threads, double convoy1, boolean below, boolean busy)
      throws Exception {
    return JSON.readTree(
        """
        {"results": [
          {"experiment": "cpu", "mode": "threads-gil", "speedup": %s},
          {"experiment": "cpu", "mode": "processes", "speedup": 1.9},
          {"experiment": "cpu", "mode": "threads-nogil-atomic", "speedup": 1.8},
          {"experiment": "cpu", "mode": "threads-nogil-biased", "speedup": 1.7},
          {"experiment": "io", "mode": "threads-gil", "speedup": 15.2}],
         "convoy": [
          {"policy": "interval(5ms)", "cpuThreads": 1, "slowdown": %s, "belowBaseline": false},
          {"policy": "interval(5ms)", "cpuThreads": 2, "slowdown": 400, "belowBaseline": false},
          {"policy": "ioPriority(5ms)", "cpuThreads": 1, "slowdown": 0.7, "belowBaseline": %s}]
         %s}
        """
            .formatted(
                threads, convoy1, below, busy ? ", \"busyMachine\": \"figures from...\"" : ""));
  }

  @Test
  void aRowPerRunMissesStarredAndTheRunsInsideEachBandCounted() throws Exception {
    String t =
        Bands.table(
            Bands.DEFAULT,
            List.of("1.json", "2.json"),
            List.of(run(0.95, 250, true, false), run(1.41, 1.5, false, true)));
    List<String> lines = t.lines().toList();
    assertEquals(5, lines.size(), t);
    assertEquals(
        List.of(
            "run",
            "threads-gil",
            "processes",
            "nogil-atomic",
            "nogil-biased",
            "io",
            "threads",
            "convoy",
            "1",
            "CPU",
            "convoy",
            "2",
            "CPU",
            "ioPriority",
            "1",
            "ioPriority",
            "2",
            "busy",
            "machine"),
        List.of(lines.get(0).trim().split("\\s+")));
    assertEquals(
        List.of(
            "1.json", "0.95x", "1.90x", "1.80x", "1.70x", "15.20x", "250.00x", "400.00x", "1.00x",
            "-", "no"),
        List.of(lines.get(2).trim().split("\\s+")));
    assertEquals(
        List.of(
            "2.json", "1.41x*", "1.90x", "1.80x", "1.70x", "15.20x", "1.50x*", "400.00x", "0.70x",
            "-", "yes"),
        List.of(lines.get(3).trim().split("\\s+")));
    assertEquals(
        List.of("inside", "1/2", "2/2", "2/2", "2/2", "2/2", "1/2", "2/2", "2/2", "0/2"),
        List.of(lines.get(4).trim().split("\\s+")));
  }

  @Test
  void fewerNamesThanDocumentsIsRefused() throws Exception {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Bands.table(
                    Bands.DEFAULT,
                    List.of("1.json"),
                    List.of(run(0.95, 250, true, false), run(1.41, 1.5, false, true))));
    assertEquals("1 name(s) for 2 document(s)", e.getMessage());
  }

  @Test
  void aFileThatIsNotARunsJsonIsAUsageError(@TempDir Path dir) throws Exception {
    Path notJson = Files.writeString(dir.resolve("x.json"), "{\"a\": 1}");
    Cli c = Cli.run("bands", notJson.toString());
    assertEquals(2, c.exit());
    assertEquals(notJson + ": no \"results\" in it: not written by --json", c.firstErrLine());
  }
}
