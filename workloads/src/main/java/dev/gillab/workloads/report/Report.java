package dev.gillab.workloads.report;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.gillab.gil.Interpreter;
import dev.gillab.gil.UserInput;
import dev.gillab.workloads.JsonResults;
import dev.gillab.workloads.PolicyChoice;
import dev.gillab.workloads.SuiteResult;
import dev.gillab.workloads.internal.AtomicFile;
import dev.gillab.workloads.internal.OutputPath;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the report: {@code DIR/index.html} (the page), {@code DIR/results.json} (the same document
 * as {@code --json}) and {@code DIR/gil-trace.json} (the traced runs as a Chrome Trace Event Format
 * file for ui.perfetto.dev or chrome://tracing, {@link TraceExport}, capped at 2 MB). Each file is
 * written through a temporary file, so a reader never sees half of one, and only where {@link
 * OutputPath} allows, which the command checks before any work. Stateless; thread-safe.
 */
public final class Report {
  private Report() {}

  /** Events an {@code exec} report keeps (the newest). */
  public static final int EXEC_EVENTS = 200_000;

  /** The page's file name. */
  public static final String INDEX = "index.html";

  /** The files a report writes into its folder, each checked before any work. */
  public static final List<String> FILES =
      List.of(INDEX, HtmlReport.RESULTS_JSON, TraceExport.FILE);

  /**
   * Checks that a report can be written into {@code dir}, given as {@code option}.
   *
   * @param option the command-line option that named the folder, e.g. {@code --report}, for the
   *     message
   * @param dir the folder: an existing one, or a new one whose parent exists
   * @throws OutputPath.Refused saying why not
   */
  public static void checkFolder(String option, Path dir) {
    OutputPath.checkFolder(option, dir, FILES);
  }

  /**
   * The traced runs of a suite report: one per policy that has a GIL (with the switch interval the
   * user chose); free-threading is named with the reason, having no GIL to draw.
   *
   * @param ran what ran, shown as text on the page, e.g. the command line
   * @param result the suite's figures
   * @param interval the switch interval the user chose
   * @param run the run to trace under each policy
   * @return the page's data, dated now on this machine
   * @throws InterruptedException if interrupted while a traced run goes on
   * @throws dev.gillab.workloads.ExperimentFailedException if a traced run does not finish in time
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
        "gil-lab report",
        ran,
        result,
        timelines,
        notTraced,
        ReportData.thisMachine(),
        ReportData.now());
  }

  /**
   * The report of a suite run: traces the timelines, writes the files into {@code dir}, says so on
   * {@code err}; answers the exit code (0, or 1 when a file could not be written or the traced run
   * failed).
   *
   * @param dir the folder to write into (made if missing; its parent must exist)
   * @param ran what ran, shown as text on the page, e.g. the command line
   * @param result the suite's figures
   * @param interval the switch interval the user chose
   * @param err where the progress lines and any failure go
   * @return 0 if the report was written; 1 if it was not (the reason is on {@code err})
   */
  public static int writeSuite(
      Path dir, String ran, SuiteResult result, Duration interval, PrintStream err) {
    try {
      err.println("gil-lab: tracing the GIL timeline");
      return writeSaying(dir, forSuite(ran, result, interval, TracedRun.defaults()), err);
    } catch (IOException | RuntimeException e) {
      return couldNotWrite(dir, e, err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("gil-lab: interrupted while tracing the GIL timeline");
      return 1;
    }
  }

  /**
   * The report of an {@code exec} run: the program's own threads on the timeline (the interpreter
   * must have traced its events), no suite figures.
   *
   * @param dir the folder to write into (made if missing; its parent must exist)
   * @param ran what ran, shown as text on the page, e.g. the command line
   * @param policy the policy's label, e.g. {@code interval(5ms)}
   * @param in the interpreter the program ran in, with tracing on ({@code traceEvents})
   * @param err where the progress lines and any failure go
   * @return 0 if the report was written; 1 if it was not (the reason is on {@code err})
   */
  public static int writeExec(
      Path dir, String ran, String policy, Interpreter in, PrintStream err) {
    Timeline t = Timeline.of(policy, in.gilEvents(), in.gilStats());
    try {
      return writeSaying(dir, forExec(ran, t, ReportData.thisMachine(), ReportData.now()), err);
    } catch (IOException | RuntimeException e) {
      return couldNotWrite(dir, e, err);
    }
  }

  /**
   * What the report of an {@code exec} run shows: {@code timeline}, the program's own threads, and
   * no suite figures; made on {@code machine} at {@code date}.
   *
   * @param ran what ran, shown as text on the page, e.g. the command line
   * @param timeline the program's traced timeline
   * @param machine where it ran, e.g. {@link ReportData#thisMachine()}
   * @param date when it ran, e.g. {@link ReportData#now()}
   * @return the page's data
   */
  public static ReportData forExec(String ran, Timeline timeline, String machine, String date) {
    return new ReportData(
        "gil-lab exec report",
        ran,
        SuiteResult.noFigures(),
        List.of(timeline),
        List.of(),
        machine,
        date);
  }

  /** Writes {@code data} into {@code dir} and names the page on {@code err}; answers 0. */
  private static int writeSaying(Path dir, ReportData data, PrintStream err) throws IOException {
    Path index = write(dir, data, TraceExport.DEFAULT_MAX_BYTES, err::println);
    err.println("gil-lab: wrote " + echo(index));
    return 0;
  }

  /** Says on {@code err} why the report could not be written into {@code dir}; answers 1. */
  private static int couldNotWrite(Path dir, Exception e, PrintStream err) {
    err.println(
        "gil-lab: could not write the report to "
            + echo(dir)
            + ": "
            // Some file systems' exceptions have no message; the type then says what failed.
            + UserInput.echo(
                e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
    return 1;
  }

  /**
   * The page as a string, as {@link #write(Path, ReportData)} writes it but with no trace file to
   * describe.
   *
   * @param data what the page shows
   * @return the page's HTML
   */
  public static String html(ReportData data) {
    return HtmlReport.render(data);
  }

  /**
   * Writes the three files into {@code dir} (made if missing; its parent must exist) — the trace
   * first, so the page can say how much of it the size cap left out — and answers the page's path.
   * Each file is written as {@link AtomicFile} writes.
   *
   * @param dir the folder to write into
   * @param data what the report shows
   * @return the page's path, {@code dir/index.html}
   * @throws IOException if {@code dir} cannot be made or a file cannot be written
   */
  public static Path write(Path dir, ReportData data) throws IOException {
    return write(dir, data, TraceExport.DEFAULT_MAX_BYTES, line -> {});
  }

  /**
   * {@link #write(Path, ReportData)} with a trace of at most {@code maxTraceBytes}, telling {@code
   * progress} how many trace events the file holds and how many it left out.
   *
   * @param dir the folder to write into
   * @param data what the report shows
   * @param maxTraceBytes the trace file's cap, in bytes; must be above 16,384
   * @param progress gets one line, once the trace file is written
   * @return the page's path, {@code dir/index.html}
   * @throws IOException if {@code dir} cannot be made or a file cannot be written
   * @throws IllegalArgumentException if {@code maxTraceBytes} is 16,384 or less
   */
  public static Path write(
      Path dir, ReportData data, long maxTraceBytes, java.util.function.Consumer<String> progress)
      throws IOException {
    checkNotNull(dir, "dir");
    OutputPath.makeFolder(dir);
    TraceExport.Summary trace =
        TraceExport.write(data.timelines(), dir.resolve(TraceExport.FILE), maxTraceBytes);
    progress.accept(
        "gil-lab: wrote "
            + echo(dir.resolve(TraceExport.FILE))
            + ": "
            + trace.written()
            + " trace events"
            + (trace.leftOut() > 0
                ? String.format(
                    java.util.Locale.ROOT,
                    ", %d left out (the file is capped at %.1f MB)",
                    trace.leftOut(),
                    maxTraceBytes / 1e6)
                : ""));
    Path index = dir.resolve(INDEX);
    writeAtomically(index, HtmlReport.render(data, trace));
    JsonResults.write(data.result(), dir.resolve(HtmlReport.RESULTS_JSON));
    return index;
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    AtomicFile.write(
        file,
        out -> {
          out.write(text.getBytes(StandardCharsets.UTF_8));
          return null;
        });
  }

  private static String echo(Path p) {
    return UserInput.echo(p.toString());
  }
}
