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
  void aSubcommandWritesThePageTheJsonAndTheEvents() throws Exception {
    Path out = dir.resolve("report");
    Cli r = assertTimeoutPreemptively(ofMinutes(2),
        () -> Cli.run("cpu", "--quick", "--report", out.toString()));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("wrote " + out.resolve("index.html")), r.err());

    Document d = Jsoup.parse(Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8));
    SuiteResult json = JsonResults.read(out.resolve("results.json"));
    assertTrue(json.results().size() >= 2);
    assertEquals(1 + 3, d.select("svg").size(),
        "the cpu chart and a timeline per policy with a GIL: interval, ticks, io-priority");
    for (ResultRow row : json.results()) {
      assertTrue(d.select("svg").first().text().contains(row.mode()), row.mode());
    }
    String csv = Files.readString(out.resolve("timeline-events.csv"), StandardCharsets.UTF_8);
    assertTrue(csv.startsWith("policy,sequence,nanoTime,msSinceStart,kind,threadId,threadName\n"));
    assertTrue(csv.contains(",ACQUIRE,") && csv.contains(",cpu-1\n") && csv.contains(",io-1\n"));
  }

  @Test
  void execReportsItsOwnThreadsAndEscapesTheProgramsPath() throws Exception {
    // "<script>alert(1)<" is a directory, "script>.s" the file in it.
    Path prog = dir.resolve("<script>alert(1)</script>.s");
    Files.createDirectories(prog.getParent());
    Files.writeString(prog,
        ".params n\nloop: LOAD_FAST n\nLOAD_CONST 0\nCOMPARE_OP >\nPOP_JUMP_IF_FALSE end\n"
            + "LOAD_FAST n\nLOAD_CONST 1\nBINARY_OP -=\nSTORE_FAST n\nJUMP_BACKWARD loop\n"
            + "end: LOAD_FAST n\nRETURN_VALUE\n");
    Path out = dir.resolve("exec-report");
    Cli r = assertTimeoutPreemptively(ofMinutes(1), () -> Cli.run(
        "--report", out.toString(), "exec", "--threads", "2", prog.toString(), "20000"));
    assertEquals(0, r.exit(), r.err());

    String html = Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8);
    Document d = Jsoup.parse(html);
    assertTrue(d.select("script").isEmpty());
    assertEquals("gil-lab exec " + prog, d.select("dl.meta code").text());
    assertEquals(1, d.select("svg").size(), "the timeline only");
    assertTrue(d.select("svg text").eachText().contains("thread-2"));
  }
}
