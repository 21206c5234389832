package dev.gillab.workloads.report;

import dev.gillab.gil.GilThreadStats;
import dev.gillab.workloads.DeadlockRow;
import dev.gillab.workloads.MachineRow;
import dev.gillab.workloads.RaceRow;
import dev.gillab.workloads.ResultRow;
import dev.gillab.workloads.SkippedRow;
import dev.gillab.workloads.report.Timeline.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders a {@link ReportData} as one self-contained HTML5 page: inline CSS and SVG, no script, no
 * link out of the page but to the two files written beside it. Stateless.
 */
final class HtmlReport {
  private HtmlReport() {}

  static final String RESULTS_JSON = "results.json";

  private static final String CSS =
      """
                                    body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#222;
                                      margin:0 auto;max-width:1000px;padding:12px 16px 40px;line-height:1.4}
                                    h1{font-size:1.6em;margin:.4em 0 .2em}h2{font-size:1.25em;margin:1.6em 0 .3em;
                                      border-bottom:1px solid #ccc}h3{font-size:1.05em;margin:1.2em 0 .2em}
                                    .meta{color:#444;font-size:.92em}.meta dt{font-weight:600;float:left;clear:left;
                                      width:7em}.meta dd{margin:0 0 0 7.5em}
                                    .wide{overflow-x:auto;-webkit-overflow-scrolling:touch}
                                    svg.chart{width:100%;min-width:760px;height:auto;display:block}
                                    svg text{font-size:13px;fill:#222}svg .lbl{font-size:13px}
                                    svg .val,svg .ref,svg .tick{paint-order:stroke;stroke:#fff;stroke-width:3px;
                                      stroke-linejoin:round}
                                    svg .val{font-size:12px}svg .tick{font-size:11px;text-anchor:middle;fill:#444}
                                    svg .axis{font-size:12px;text-anchor:middle;font-style:italic}
                                    svg .ref{font-size:12px;font-weight:600}svg .grp{font-size:13px;font-weight:700}
                                    svg .leg{font-size:12px}
                                    table{border-collapse:collapse;font-size:.9em;margin:.4em 0}
                                    th,td{border:1px solid #ccc;padding:3px 8px;text-align:right;white-space:nowrap}
                                    th:first-child,td:first-child{text-align:left}th{background:#f0f0f0}
                                    .note{color:#555;font-size:.9em}code{font-size:.95em}
                                    ul.skipped{font-size:.9em;color:#444}
                                    .busy{border-left:4px solid #D55E00;background:#fdf0e6;padding:6px 10px;font-weight:600}\
                                    """;

  static String render(ReportData d) {
    return render(d, null);
  }

  /** The page; {@code trace} says what the trace file beside it holds, if it was written. */
  static String render(ReportData d, TraceExport.@Nullable Summary trace) {
    Html h = new Html().doctype();
    h.open("html", "lang", "en")
        .newline()
        .open("head")
        .newline()
        .empty("meta", "charset", "utf-8")
        .newline()
        .empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
        .newline()
        .element("title", d.title())
        .newline()
        .style(CSS)
        .newline()
        .close("head")
        .newline()
        .open("body")
        .newline();
    h.element("h1", d.title()).newline();
    h.open("dl", "class", "meta")
        .element("dt", "ran")
        .open("dd")
        .open("code")
        .text(d.ran())
        .close("code")
        .close("dd")
        .element("dt", "machine")
        .element("dd", d.machine())
        .element("dt", "JVM")
        .element("dd", d.result().java())
        .element("dt", "cores")
        .element("dd", String.valueOf(d.result().cores()))
        .element("dt", "date")
        .element("dd", d.date())
        .close("dl")
        .newline();
    if (d.result().busyMachine() != null) {
      h.element("p", d.result().busyMachine(), "class", "busy").newline();
    }
    machine(h, d.result().machine());

    int chart = 0;
    for (Map.Entry<String, List<ResultRow>> e : byExperiment(d.result().results()).entrySet()) {
      h.element("h2", e.getKey() + " — speed-up per mode").newline();
      h.open("div", "class", "wide");
      Charts.speedup(h, "chart-" + chart++, e.getKey(), e.getValue());
      h.close("div").newline();
      h.element(
          "p",
          "Bars: the sequential run's median time over each mode's (policy "
              + String.join(", ", policies(e.getValue()))
              + "). Dashed line: 1× (no faster than"
              + " one after another); dotted line: the ideal, W× with W workers.",
          "class",
          "note");
      skipped(h, d.result().skipped(), e.getKey());
    }
    if (!d.result().convoy().isEmpty()) {
      h.element("h2", "convoy — an IO thread beside CPU-bound threads").newline();
      h.open("div", "class", "wide");
      Charts.convoy(h, "chart-" + chart++, d.result().convoy());
      h.close("div").newline();
      h.element(
          "p",
          "Median echo round trip alone (solid green) and beside 1..k CPU-bound"
              + " threads (hatched vermillion), per policy; the figure in brackets is the slowdown.",
          "class",
          "note");
      skipped(h, d.result().skipped(), "convoy");
    }
    if (!d.timelines().isEmpty() || !d.notTraced().isEmpty()) {
      h.element("h2", "GIL timeline").newline();
      h.element(
          "p",
          "Each lane is a thread; time runs left to right from the first GIL event."
              + " Solid blue: running bytecode (holding the GIL). Hatched orange: waiting for the"
              + " GIL. Dotted green: in IO with the GIL released. Purple triangles: a waiter asked"
              + " the holder to drop the GIL. Black bars: the holder let go on request (a forced"
              + " switch) or at a tick. A thin black line: the thread let go and is not waiting"
              + " (after a forced drop, until another thread has the GIL; after a tick; back from"
              + " IO). The lanes come from the same events the GIL's counters are kept on, so the"
              + " lanes' held and waiting sums are the counters' (table under each timeline).",
          "class",
          "note");
      traceNote(h, trace);
      for (Timeline t : d.timelines()) {
        h.element("h3", "policy " + t.policy()).newline();
        if (t.eventsLost() > 0) {
          h.element(
                  "p",
                  String.format(
                      Locale.ROOT,
                      "The event ring dropped the oldest %,d"
                          + " events of this run: the lanes cover only its last %s ms, from the first event"
                          + " kept. Grey hatching is a thread's stretch before its own first kept event"
                          + " where that event does not tell what it was doing, and the lanes' sums below"
                          + " cover only the kept window, so they fall short of the GIL's counters.",
                      t.eventsLost(),
                      ms(t.endNanos() - t.startNanos())),
                  "class",
                  "busy")
              .newline();
        }
        h.open("div", "class", "wide");
        Charts.timeline(h, "timeline-" + chart++, t);
        h.close("div").newline();
        statsTable(h, t);
      }
      if (!d.notTraced().isEmpty()) {
        h.open("ul", "class", "skipped");
        for (String s : d.notTraced()) {
          h.element("li", "not traced: " + s);
        }
        h.close("ul").newline();
      }
    }
    raceAndDeadlock(h, d);
    h.open("p", "class", "note")
        .text("Every figure of this page is also in ")
        .element("a", RESULTS_JSON, "href", RESULTS_JSON)
        .text(" (the schema of --json)");
    if (!d.timelines().isEmpty()) {
      h.text(" and the timelines in ")
          .element("a", TraceExport.FILE, "href", TraceExport.FILE)
          .text(" (Chrome Trace Event Format)");
    }
    h.text(".").close("p").newline();
    h.close("body").newline().close("html").newline();
    return h.toString();
  }

  private static void statsTable(Html h, Timeline t) {
    double window = Math.max(1, t.endNanos() - t.startNanos());
    h.open("div", "class", "wide")
        .open("table")
        .open("caption", "class", "note")
        .text(
            "GIL statistics of this run (policy "
                + t.policy()
                + ", "
                + t.stats().switches()
                + " switches): % of the traced "
                + ms(window)
                + " ms")
        .close("caption");
    headerRow(
        h,
        "thread",
        "held %",
        "waiting %",
        "held ms",
        "held ms (lanes)",
        "waiting ms",
        "waiting ms (lanes)",
        "acquisitions",
        "forced drops",
        "IO releases");
    Map<Long, Timeline.Lane> lanes = new LinkedHashMap<>();
    t.lanes().forEach(l -> lanes.put(l.threadId(), l));
    for (GilThreadStats s : t.stats().threads()) {
      Timeline.Lane lane = lanes.get(s.threadId());
      row(
          h,
          "td",
          s.threadName(),
          pct(s.heldNanos(), window),
          pct(s.waitingNanos(), window),
          ms(s.heldNanos()),
          lane == null ? "-" : ms(lane.nanos(State.RUNNING)),
          ms(s.waitingNanos()),
          lane == null ? "-" : ms(lane.nanos(State.WAITING)),
          String.valueOf(s.acquisitions()),
          String.valueOf(s.forcedDrops()),
          String.valueOf(s.ioReleases()));
    }
    h.close("table").close("div").newline();
    disagreement(h, t, lanes);
  }

  /**
   * Where a lane's held time is more than 1 % off the GIL's counter, says why. The GIL reads the
   * clock once for its counter and once more, under the ring's lock, for the event; a hold's two
   * readings are a microsecond or so apart, which is nothing beside a 5 ms interval and a lot
   * beside a hold of {@code ticks(100)}, a few microseconds long.
   */
  private static void disagreement(Html h, Timeline t, Map<Long, Timeline.Lane> lanes) {
    if (t.eventsLost() > 0) {
      return; // said above the timeline
    }
    long counted = 0;
    long drawn = 0;
    long acquisitions = 0;
    for (GilThreadStats s : t.stats().threads()) {
      Timeline.Lane lane = lanes.get(s.threadId());
      if (lane != null) {
        counted += s.heldNanos();
        drawn += lane.nanos(State.RUNNING);
        acquisitions += s.acquisitions();
      }
    }
    if (counted <= 0 || Math.abs(drawn - counted) <= 0.01 * counted) {
      return;
    }
    h.element(
            "p",
            String.format(
                Locale.ROOT,
                "Here the lanes' held time is %.1f %% off the"
                    + " counters': the GIL reads the clock for a counter and again for its event, %.2f µs"
                    + " apart per hold on average in this run, and the %,d holds lasted %.1f µs on average."
                    + " The lanes are exact to the events; the gap is the instrumentation's own.",
                100.0 * Math.abs(drawn - counted) / counted,
                Math.abs(drawn - counted) / 1e3 / Math.max(1, acquisitions),
                acquisitions,
                counted / 1e3 / Math.max(1, acquisitions)),
            "class",
            "note")
        .newline();
  }

  /** What the trace file holds, and what its size cap left out. */
  private static void traceNote(Html h, TraceExport.@Nullable Summary trace) {
    if (trace == null) {
      return;
    }
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "The timelines are also in %s (%,d trace events, %,d bytes): open it in ui.perfetto.dev or"
                    + " chrome://tracing for a track per thread (holding, waiting, in IO) and an arrow"
                    + " from each drop request to the switch that answered it.",
                TraceExport.FILE,
                trace.written(),
                trace.bytes()));
    for (TraceExport.Part p : trace.parts()) {
      if (p.leftOut() > 0) {
        b.append(
            String.format(
                Locale.ROOT,
                " Policy %s: the file is capped at %.1f MB, so it"
                    + " holds the first %s ms of the run (%,d events) and leaves out %,d.",
                p.policy(),
                trace.maxBytes() / 1e6,
                ms(p.coveredMillis() * 1e6),
                p.written(),
                p.leftOut()));
      }
    }
    h.element("p", b.toString(), "class", "note").newline();
  }

  /** Load average and CPU shares around each experiment: how far to trust the figures. */
  private static void machine(Html h, List<MachineRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    h.element("h2", "machine — load and CPU around each experiment").newline();
    wideTable(
        h,
        "experiment",
        "seconds",
        "load before",
        "load after",
        "this JVM, cores",
        "worker JVMs, cores",
        "other work, cores",
        "figures");
    for (MachineRow r : rows) {
      row(
          h,
          "td",
          r.experiment(),
          String.format(Locale.ROOT, "%.1f", r.seconds()),
          load(r.loadBefore()),
          load(r.loadAfter()),
          String.format(Locale.ROOT, "%.2f of %d", r.jvmCores(), r.cores()),
          String.format(Locale.ROOT, "%.2f", r.workerCores()),
          r.otherCores() == null ? "unknown" : String.format(Locale.ROOT, "%.2f", r.otherCores()),
          r.busy() == null ? "trustworthy" : "busy: " + r.busy());
    }
    h.close("table").close("div").newline();
    h.element(
        "p",
        "Figures are a busy machine's when, less this run's own part, the load average"
            + " at an experiment's start is above 0.5 per core, or when other work took more than"
            + " 0.5 cores per core while the machine was full (this run and other work together"
            + " using at least 90 % of the cores): the run then got less CPU than it wanted.",
        "class",
        "note");
  }

  /** Opens a table as wide as the page, with {@code columns} as its header row. */
  private static void wideTable(Html h, String... columns) {
    h.open("div", "class", "wide").open("table");
    headerRow(h, columns);
  }

  /** A table's header row: a {@code th} per column, in order. */
  private static void headerRow(Html h, String... columns) {
    row(h, "th", columns);
  }

  /** A table row: each of {@code cells} in a {@code cell} element ({@code th} or {@code td}). */
  private static void row(Html h, String cell, String... cells) {
    h.open("tr");
    for (String c : cells) {
      h.element(cell, c);
    }
    h.close("tr");
  }

  private static String load(@Nullable Double l) {
    return l == null ? "unknown" : String.format(Locale.ROOT, "%.2f", l);
  }

  private static void raceAndDeadlock(Html h, ReportData d) {
    List<RaceRow> race = d.result().race();
    if (!race.isEmpty()) {
      h.element("h2", "race — a shared list hammered by 2 threads").newline();
      wideTable(
          h,
          "mode",
          "policy",
          "counts",
          "list length",
          "expected",
          "use-after-free",
          "leaks",
          "verdict");
      for (RaceRow r : race) {
        row(
            h,
            "td",
            r.mode(),
            r.policy(),
            String.valueOf(r.counts()),
            String.valueOf(r.listLength()),
            String.valueOf(r.expectedLength()),
            String.valueOf(r.useAfterFree()),
            String.valueOf(r.leaks()),
            r.clean() ? "clean" : "damaged");
      }
      h.close("table").close("div").newline();
      skipped(h, d.result().skipped(), "race");
    }
    List<DeadlockRow> deadlock = d.result().deadlock();
    if (!deadlock.isEmpty()) {
      h.element("h2", "deadlock — opposite-order acquisition").newline();
      h.open("ul");
      for (DeadlockRow r : deadlock) {
        h.element(
            "li",
            r.scenario()
                + ": detected "
                + (r.detected() ? "yes" : "no")
                + ", recovered "
                + (r.recovered() ? "yes" : "no")
                + ", "
                + String.format(Locale.ROOT, "%.3f s", r.seconds())
                + " — "
                + r.cycle());
      }
      h.close("ul").newline();
    }
  }

  private static void skipped(Html h, List<SkippedRow> skipped, String experiment) {
    List<SkippedRow> here =
        skipped.stream().filter(s -> s.experiment().equals(experiment)).toList();
    if (here.isEmpty()) {
      return;
    }
    h.open("ul", "class", "skipped");
    for (SkippedRow s : here) {
      h.element("li", "skipped: " + s.mode() + " (policy " + s.policy() + "): " + s.reason());
    }
    h.close("ul").newline();
  }

  private static Map<String, List<ResultRow>> byExperiment(List<ResultRow> rows) {
    Map<String, List<ResultRow>> m = new LinkedHashMap<>();
    for (ResultRow r : rows) {
      m.computeIfAbsent(r.experiment(), k -> new ArrayList<>()).add(r);
    }
    return m;
  }

  private static List<String> policies(List<ResultRow> rows) {
    return rows.stream().map(ResultRow::policy).distinct().toList();
  }

  private static String pct(double nanos, double window) {
    return String.format(Locale.ROOT, "%.1f", 100.0 * nanos / window);
  }

  private static String ms(long nanos) {
    return ms((double) nanos);
  }

  private static String pct(long nanos, double window) {
    return pct((double) nanos, window);
  }

  private static String ms(double nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
  }
}
