package dev.gillab.workloads.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.gillab.gil.Assembler;
import dev.gillab.gil.GilEvent;
import dev.gillab.gil.GilEvent.Kind;
import dev.gillab.gil.GilStats;
import dev.gillab.gil.GilThreadStats;
import dev.gillab.gil.Interpreter;
import dev.gillab.workloads.ConvoyRow;
import dev.gillab.workloads.MachineRow;
import dev.gillab.workloads.PolicyChoice;
import dev.gillab.workloads.ResultRow;
import dev.gillab.workloads.SkippedRow;
import dev.gillab.workloads.SuiteResult;
import dev.gillab.workloads.report.Timeline.Lane;
import dev.gillab.workloads.report.Timeline.Segment;
import dev.gillab.workloads.report.Timeline.State;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static final String EVIL = "<script>alert('x')</script>&\"";

  private static Timeline traced;

  @BeforeAll
  static void traceOnce() {
    traced =
        assertTimeoutPreemptively(
            Duration.ofMinutes(1), () -> TracedRun.tiny().run(PolicyChoice.defaultPolicy()));
  }

  private static SuiteResult suite() {
    return new SuiteResult(
        "Test VM 17",
        2,
        List.of(
            new ResultRow("cpu", "sequential", "interval(5ms)", 2, 0.68, 1.0, 1L, 0.0),
            new ResultRow("cpu", "threads-gil", "interval(5ms)", 2, 0.79, 0.86, 106L, 40.8),
            new ResultRow("cpu", "processes", "interval(5ms)", 2, 0.35, 1.93, 2L, 0.0),
            new ResultRow("io", "sequential", "interval(5ms)", 16, 3.2, 1.0, 1L, 0.0),
            new ResultRow("io", "threads-gil", "interval(5ms)", 16, 0.22, 14.9, 59L, null)),
        List.of(
            ConvoyRow.of("interval(5ms)", 1, 51.0, 605.4),
            ConvoyRow.of("interval(5ms)", 2, 51.0, 2389.6)),
        List.of(),
        List.of(),
        List.of(new SkippedRow("cpu", "threads-nogil-atomic", "none", "not in this build")),
        List.of(),
        null);
  }

  private static Document parse(String html) {
    Parser p = Parser.htmlParser().setTrackErrors(20);
    Document d = Jsoup.parse(html, "", p);
    assertEquals(
        List.of(), p.getErrors().stream().map(Object::toString).toList(), "HTML5 parse errors");
    return d;
  }

  @Test
  void thePageHoldsOneSvgPerChartPlusTheTimelineAndNamesEveryMode() {
    ReportData data =
        new ReportData(
            "gil-lab report",
            "gil-lab --quick",
            suite(),
            List.of(traced),
            List.of("ticks: not in this build"),
            "Test OS",
            "2025-01-01");
    Document d = parse(Report.html(data));

    // cpu, io, convoy, and one timeline
    assertEquals(4, d.select("svg").size());
    assertEquals(1, d.select("svg[id^=timeline-]").size());
    String text = d.text();
    for (String mode : List.of("sequential", "threads-gil", "processes")) {
      assertTrue(d.select("svg").get(0).text().contains(mode), mode + " in the cpu chart");
    }
    assertTrue(d.select("svg").get(1).text().contains("threads-gil"));
    assertTrue(text.contains("threads-nogil-atomic"), "the skipped mode is named");
    for (String figure : List.of("1.93×", "14.9×", "46.9×", "2,390 µs")) {
      assertTrue(text.contains(figure), figure);
    }
    for (String thread : List.of("cpu-1", "cpu-2", "io-1")) {
      assertTrue(d.select("svg[id^=timeline-]").text().contains(thread), thread);
    }
    assertTrue(text.contains("Test VM 17") && text.contains("Test OS") && text.contains("2025"));
    assertTrue(d.select("script, link, img, iframe, object").isEmpty());
  }

  @Test
  void aBusyMachineIsSaidFirstAndEveryExperimentsMachineIsInATable() {
    SuiteResult busy =
        new SuiteResult(
            "Test VM 17",
            2,
            suite().results(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(
                new MachineRow(
                    "cpu",
                    12.3,
                    2,
                    3.1,
                    3.4,
                    0.0,
                    1.2,
                    0.4,
                    0.9,
                    "load 3.1 on 2 cores at the start of cpu"),
                new MachineRow("io", 4.0, 2, null, null, 1.1, 0.1, 0.0, null, null)),
            "figures from a busy machine: load 3.1 on 2 cores at the start of cpu; read them as such");
    Document d =
        parse(
            Report.html(
                new ReportData(
                    "gil-lab report",
                    "gil-lab",
                    busy,
                    List.of(),
                    List.of(),
                    "Test OS",
                    "2025-01-01")));
    Element banner = d.select("p.busy").first();
    assertEquals(busy.busyMachine(), banner.text());
    assertTrue(
        banner.elementSiblingIndex() < d.select("h2").first().elementSiblingIndex(),
        "the banner comes before any figure");
    List<String> cells = d.select("table").first().select("td").eachText();
    assertTrue(
        cells.containsAll(
            List.of(
                "cpu",
                "12.3",
                "3.10",
                "3.40",
                "1.20 of 2",
                "0.40",
                "0.90",
                "busy: load 3.1 on 2 cores at the start of cpu")),
        cells.toString());
    assertTrue(cells.containsAll(List.of("io", "unknown", "trustworthy")), cells.toString());
  }

  @Test
  void thePageLinksNowhereOutside() {
    String html =
        Report.html(
            new ReportData(
                "gil-lab report",
                "gil-lab",
                suite(),
                List.of(traced),
                List.of(),
                "Test OS",
                "2025-01-01"));
    assertFalse(html.contains("http:"), "http:");
    assertFalse(html.contains("https:"), "https:");
    assertFalse(html.contains("//"), "a protocol-relative URL");
    for (Element a : parse(html).select("[href], [src]")) {
      String target = a.hasAttr("href") ? a.attr("href") : a.attr("src");
      assertTrue(target.matches("[a-z-]+\\.(json|csv)") || target.startsWith("url(#"), target);
    }
  }

  @Test
  void anUncheckedFailureWhileWritingAnExecReportIsOneLineAndOne() throws Exception {
    // The JDK's own read-only file system: making the folder throws ReadOnlyFileSystemException.
    Path dir = FileSystems.getFileSystem(URI.create("jrt:/")).getPath("/report");
    try (Interpreter in = Interpreter.builder().traceEvents(1_000).build()) {
      in.run(Assembler.assemble("t", "LOAD_CONST None\nRETURN_VALUE"));
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status =
          Report.writeExec(
              dir,
              "gil-lab run t.py",
              "interval(5ms)",
              in,
              new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(1, status);
      assertEquals(
          List.of("gil-lab: could not write the report to /report: ReadOnlyFileSystemException"),
          err.toString(StandardCharsets.UTF_8).lines().toList());
    }
  }

  @Test
  void aScriptInAThreadOrProgramNameComesOutAsText() throws Exception {
    List<GilEvent> events =
        List.of(
            new GilEvent(0, 1_000_000, Kind.ACQUIRE, 7, EVIL),
            new GilEvent(1, 3_000_000, Kind.RELEASE, 7, EVIL));
    GilStats stats =
        new GilStats(
            "interval(5ms)",
            1,
            ImmutableList.of(new GilThreadStats(7, EVIL, 2_000_000, 0, 1, 0, 0)));
    Timeline t = Timeline.of("interval(5ms)", events, stats);
    String ran = "gil-lab exec /tmp/" + EVIL + ".s";
    String html = Report.html(Report.forExec(ran, t, "Test OS", "2025-01-01"));
    Document d = parse(html);

    assertTrue(d.select("script").isEmpty(), "no script element");
    assertFalse(html.contains("<script>"));
    assertEquals(ran, d.select("dl.meta code").text());
    assertTrue(d.select("svg text").eachText().contains(EVIL), "the lane label is the name");
    assertTrue(d.select("td").eachText().contains(EVIL), "the table row is the name");
    java.io.ByteArrayOutputStream trace = new java.io.ByteArrayOutputStream();
    TraceExport.write(List.of(t), trace, TraceExport.DEFAULT_MAX_BYTES);
    com.fasterxml.jackson.databind.JsonNode names =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(trace.toByteArray())
            .get("traceEvents");
    assertTrue(
        java.util.stream.StreamSupport.stream(names.spliterator(), false)
            .anyMatch(
                e ->
                    e.get("name").asText().equals("thread_name")
                        && e.get("args").get("name").asText().equals(EVIL)),
        "the name, exactly, in the trace");
  }

  @Test
  void lanesFollowTheEventsExactly() {
    List<GilEvent> events =
        List.of(
            new GilEvent(10, 100, Kind.ACQUIRE, 1, "a"),
            new GilEvent(11, 150, Kind.WAIT, 2, "b"),
            new GilEvent(12, 160, Kind.DROP_REQUEST, 2, "b"),
            new GilEvent(13, 200, Kind.FORCED_DROP, 1, "a"),
            new GilEvent(14, 210, Kind.ACQUIRE, 2, "b"),
            new GilEvent(15, 250, Kind.IO_RELEASE, 2, "b"),
            new GilEvent(16, 260, Kind.WAIT, 1, "a"),
            new GilEvent(17, 261, Kind.ACQUIRE, 1, "a"),
            new GilEvent(18, 300, Kind.IO_RETAKE, 2, "b"),
            new GilEvent(19, 320, Kind.TICK, 1, "a"),
            new GilEvent(20, 330, Kind.ACQUIRE, 2, "b"),
            new GilEvent(21, 400, Kind.RELEASE, 2, "b"));
    Timeline t = Timeline.of("p", events, new GilStats("p", 3, ImmutableList.of()));

    assertEquals(10, t.eventsLost());
    Lane a = t.lanes().get(0);
    Lane b = t.lanes().get(1);
    // a forced drop, then outside until its wait; the tick at the end leaves it outside, not drawn
    assertEquals(
        List.of(
            new Segment(State.RUNNING, 100, 200),
            new Segment(State.OUTSIDE, 200, 260),
            new Segment(State.WAITING, 260, 261),
            new Segment(State.RUNNING, 261, 320)),
        a.segments());
    // the ring dropped 10 events: before b's first kept event (a WAIT) it is unknown
    assertEquals(
        List.of(
            new Segment(State.UNKNOWN, 100, 150),
            new Segment(State.WAITING, 150, 210),
            new Segment(State.RUNNING, 210, 250),
            new Segment(State.IO, 250, 300),
            new Segment(State.OUTSIDE, 300, 330),
            new Segment(State.RUNNING, 330, 400)),
        b.segments());
    assertEquals(List.of(new Timeline.Flow(2, 160, 2, 210)), t.flows());
    assertEquals(2, a.marks().size());
    assertEquals(Kind.DROP_REQUEST, b.marks().get(0).kind());
    assertEquals(159, a.nanos(State.RUNNING));
    assertEquals(110, b.nanos(State.RUNNING));
  }

  /**
   * The lanes of a real traced run against the GIL's own counters. The GIL reads the clock for its
   * counters and again for the event, so each hold may differ by the few instructions between the
   * two reads: allowed, per acquisition, is one event's resolution, taken generously as 1 ms so a
   * descheduled thread does not fail the build.
   */
  @Test
  void eachLanesHeldTimeIsTheGilsOwnHeldTime() {
    assertEquals(0, traced.eventsLost(), "the ring kept every event");
    for (GilThreadStats s : traced.stats().threads()) {
      Lane lane =
          traced.lanes().stream()
              .filter(l -> l.threadId() == s.threadId())
              .findFirst()
              .orElseThrow(() -> new AssertionError("no lane for " + s.threadName()));
      long diff = Math.abs(lane.nanos(State.RUNNING) - s.heldNanos());
      long allowed = Math.max(1, s.acquisitions()) * 1_000_000L;
      assertTrue(
          diff <= allowed,
          s.threadName()
              + ": lane "
              + lane.nanos(State.RUNNING)
              + " ns held, the GIL counted "
              + s.heldNanos()
              + " ns");
      assertEquals(
          s.acquisitions(),
          lane.segments().stream().filter(g -> g.state() == State.RUNNING).count(),
          s.threadName() + " acquisitions");
    }
    assertTrue(traced.lanes().stream().anyMatch(l -> l.nanos(State.IO) > 0), "io-1 did IO");
  }

  @Test
  void underAGilNoTwoLanesRunAtOnce() {
    List<Segment> running = new ArrayList<>();
    traced
        .lanes()
        .forEach(
            l ->
                l.segments().stream()
                    .filter(s -> s.state() == State.RUNNING)
                    .forEach(running::add));
    running.sort(Comparator.comparingLong(Segment::startNanos));
    for (int i = 1; i < running.size(); i++) {
      assertTrue(
          running.get(i - 1).endNanos() <= running.get(i).startNanos(),
          "two holders at once: " + running.get(i - 1) + " and " + running.get(i));
    }
    assertTrue(running.size() >= 3, "cpu-1, cpu-2 and io-1 each ran");
  }

  @Test
  void escapingWriterEscapesAndBalances() {
    assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", Html.escape("<a href=\"x\">&'"));
    assertEquals(
        "<p title=\"&lt;&quot;\">&lt;b&gt;</p>",
        new Html().element("p", "<b>", "title", "<\"").toString());
    assertEquals("0", Html.num(-0.001));
    assertEquals("12.5", Html.num(12.5));
  }
}
