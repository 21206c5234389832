package dev.gillab.workloads;

import static java.time.Duration.ofMinutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --report DIR} through the command: on a subcommand, on the root before exec. */
class ReportIT {
  @TempDir Path dir;

  @Test
  void aSubcommandWritesThePageTheJsonAndTheTrace() throws Exception {
    Path out = dir.resolve("report");
    Cli r =
        assertTimeoutPreemptively(
            ofMinutes(2), () -> Cli.run("cpu", "--quick", "--report", out.toString()));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("wrote " + out.resolve("index.html")), r.err());

    Document d = Jsoup.parse(Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8));
    SuiteResult json = JsonResults.read(out.resolve("results.json"));
    assertTrue(json.results().size() >= 2);
    assertEquals(
        1 + 3,
        d.select("svg").size(),
        "the cpu chart and a timeline per policy with a GIL: interval, ticks, io-priority");
    for (ResultRow row : json.results()) {
      assertTrue(d.select("svg").first().text().contains(row.mode()), row.mode());
    }
    String trace = Files.readString(out.resolve("gil-trace.json"), StandardCharsets.UTF_8);
    assertTrue(
        trace.startsWith("{\"displayTimeUnit\":\"ms\",\"traceEvents\":["), trace.substring(0, 80));
    assertTrue(trace.contains("\"name\":\"cpu-1\"") && trace.contains("\"name\":\"io-1\""));
    assertTrue(r.err().contains("gil-trace.json: "), r.err());
    // No file a run writes is over 2 MB.
    try (var files = Files.list(out)) {
      for (Path f : files.toList()) {
        assertTrue(Files.size(f) <= 2_000_000, f + ": " + Files.size(f) + " bytes");
      }
    }
  }

  @Test
  void execReportsItsOwnThreadsAndEscapesTheProgramsPath() throws Exception {
    // "<script>alert(1)<" is a directory, "script>.s" the file in it.
    Path prog = dir.resolve("<script>alert(1)</script>.s");
    Cli.countdownProgram(prog);
    Path out = dir.resolve("exec-report");
    Cli r =
        assertTimeoutPreemptively(
            ofMinutes(1),
            () ->
                Cli.run(
                    "--report",
                    out.toString(),
                    "exec",
                    "--threads",
                    "2",
                    prog.toString(),
                    "20000"));
    assertEquals(0, r.exit(), r.err());

    String html = Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8);
    Document d = Jsoup.parse(html);
    assertTrue(d.select("script").isEmpty());
    assertEquals("gil-lab run " + prog, d.select("dl.meta code").text());
    assertEquals(1, d.select("svg").size(), "the timeline only");
    assertTrue(d.select("svg text").eachText().contains("thread-2"));
  }
}
