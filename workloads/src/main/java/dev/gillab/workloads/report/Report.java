package dev.gillab.workloads.report;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.gillab.gil.GilEvent;
import dev.gillab.gil.Interpreter;
import dev.gillab.workloads.JsonResults;
import dev.gillab.workloads.PolicyChoice;
import dev.gillab.workloads.SuiteResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the report: {@code DIR/index.html} (the page), {@code DIR/results.json} (the same
 * document as {@code --json}) and {@code DIR/timeline-events.csv} (every traced GIL event: policy,
 * sequence, nanoTime, ms since the policy's first event, kind, thread id, thread name). Each file
 * is written through a temporary file, so a reader never sees half of one. Stateless; thread-safe.
 */
public final class Report {
  private Report() {}

  /** Events an {@code exec} report keeps (the newest). */
  public static final int EXEC_EVENTS = 200_000;

  /** The page's file name. */
  public static final String INDEX = "index.html";

  /**
   * The traced runs of a suite report: one per policy that has a GIL (with the switch interval
   * the user chose); free-threading is named with the reason, having no GIL to draw.
   */
  public static ReportData forSuite(
      String ran, SuiteResult result, Duration interval, TracedRun run)
      throws InterruptedException {
    List<Timeline> timelines = new ArrayList<>();
    List<String> notTraced = new ArrayList<>();
    for (String name : PolicyChoice.NAMES) {
      PolicyChoice p = PolicyChoice.of(name, interval);
      if (p.isFreeThreaded()) {
        notTraced.add(name + ": no GIL, so no hand-over to draw (every thread runs at once)");
      } else {
        timelines.add(run.run(p));
      }
    }
    return new ReportData(
        "gil-lab report", ran, result, timelines, notTraced, ReportData.thisMachine(),
        ReportData.now());
  }

  /**
   * The report of a suite run: traces the timelines, writes the files into {@code dir}, says so
   * on {@code err}; answers the exit code (0, or 1 when a file could not be written or the traced
   * run failed).
   */
  public static int writeSuite(
      Path dir, String ran, SuiteResult result, Duration interval, PrintStream err) {
    try {
      err.println("gil-lab: tracing the GIL timeline");
      Path index = write(dir, forSuite(ran, result, interval, TracedRun.defaults()));
      err.println("gil-lab: wrote " + index);
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("gil-lab: could not write the report to " + dir + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("gil-lab: interrupted while tracing the GIL timeline");
      return 1;
    }
  }

  /**
   * The report of an {@code exec} run: the program's own threads on the timeline (the
   * interpreter must have traced its events), no suite figures.
   */
  public static int writeExec(
      Path dir, String ran, String policy, Interpreter in, PrintStream err) {
    Timeline t = Timeline.of(policy, in.gilEvents(), in.gilStats());
    SuiteResult empty = SuiteResult.ofThisMachine(
        List.of(), List.of(), List.of(), List.of(), List.of());
    ReportData data = new ReportData("gil-lab exec report", ran, empty, List.of(t), List.of(),
        ReportData.thisMachine(), ReportData.now());
    try {
      Path index = write(dir, data);
      err.println("gil-lab: wrote " + index);
      return 0;
    } catch (IOException e) {
      err.println("gil-lab: could not write the report to " + dir + ": " + e.getMessage());
      return 1;
    }
  }

  /** The page as a string. */
  public static String html(ReportData data) {
    return HtmlReport.render(data);
  }

  /** The raw events of every timeline as CSV, with a header line. */
  public static String eventsCsv(List<Timeline> timelines) {
    StringBuilder b = new StringBuilder(
        "policy,sequence,nanoTime,msSinceStart,kind,threadId,threadName\n");
    for (Timeline t : timelines) {
      long start = t.startNanos();
      for (GilEvent e : t.events()) {
        b.append(csv(t.policy())).append(',').append(e.sequence()).append(',')
            .append(e.nanoTime()).append(',')
            .append(String.format(java.util.Locale.ROOT, "%.6f", (e.nanoTime() - start) / 1e6))
            .append(',').append(e.kind()).append(',').append(e.threadId()).append(',')
            .append(csv(e.threadName())).append('\n');
      }
    }
    return b.toString();
  }

  /** Writes the three files into {@code dir} (made if missing); answers the page's path. */
  public static Path write(Path dir, ReportData data) throws IOException {
    checkNotNull(dir, "dir");
    Files.createDirectories(dir);
    Path index = dir.resolve(INDEX);
    writeAtomically(index, html(data));
    writeAtomically(dir.resolve(HtmlReport.EVENTS_CSV), eventsCsv(data.timelines()));
    JsonResults.write(data.result(), dir.resolve(HtmlReport.RESULTS_JSON));
    return index;
  }

  /** A CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
  static String csv(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName()
        .toString(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
