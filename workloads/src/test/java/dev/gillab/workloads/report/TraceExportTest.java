package dev.gillab.workloads.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import dev.gillab.gil.GilEvent;
import dev.gillab.gil.GilEvent.Kind;
import dev.gillab.gil.GilStats;
import dev.gillab.workloads.PolicyChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace file: parsed back and held to the Trace Event Format's rules (what ui.perfetto.dev and
 * chrome://tracing need to open it), and to its size cap.
 */
class TraceExportTest {
  private static final Map<Timeline.State, String> SLICES =
      Map.of(
          Timeline.State.RUNNING, "holding the GIL",
          Timeline.State.WAITING, "waiting for the GIL",
          Timeline.State.IO, "in IO");

  @TempDir Path dir;

  /** Real traced runs under two policies: valid, complete, the states and arrows there. */
  @Test
  void aTracedRunIsAValidTraceWithTracksStatesAndFlows() throws Exception {
    List<Timeline> ts =
        assertTimeoutPreemptively(
            Duration.ofMinutes(1),
            () ->
                List.of(
                    TracedRun.tiny().run(PolicyChoice.of("interval", Duration.ofMillis(1))),
                    TracedRun.tiny().run(PolicyChoice.of("io-priority", Duration.ofMillis(1)))));
    Path file = dir.resolve(TraceExport.FILE);
    TraceExport.Summary s = TraceExport.write(ts, file, TraceExport.DEFAULT_MAX_BYTES);

    JsonNode doc = new ObjectMapper().readTree(file.toFile());
    List<JsonNode> events = validate(doc);
    assertEquals(0, s.leftOut());
    assertEquals(Files.size(file), s.bytes());
    assertEquals(
        s.written(), events.stream().filter(e -> !e.get("ph").asText().equals("M")).count());
    // Which states and flows a real run has is the scheduler's business (a countdown that ends
    // before its twin starts never waits): each one the timelines hold is in the file, once.
    Map<String, Long> counts = new HashMap<>();
    events.forEach(
        e -> counts.merge(e.get("ph").asText() + " " + e.get("name").asText(), 1L, Long::sum));
    Map<String, Long> expected = new HashMap<>();
    for (Timeline t : ts) {
      for (Timeline.Lane lane : t.lanes()) {
        for (Timeline.Segment seg : lane.segments()) {
          String name = SLICES.get(seg.state());
          if (name != null) {
            expected.merge("X " + name, 1L, Long::sum);
          }
        }
      }
      expected.merge("s drop request", (long) t.flows().size(), Long::sum);
      expected.merge("f drop request", (long) t.flows().size(), Long::sum);
    }
    expected.forEach(
        (name, n) -> assertEquals(n, counts.getOrDefault(name, 0L), name + " in " + counts));
    for (String n : List.of("X holding the GIL", "X in IO", "M thread_name", "M process_name")) {
      assertTrue(counts.containsKey(n), n + " in " + counts.keySet());
    }
    Set<String> threads = new HashSet<>();
    events.stream()
        .filter(e -> e.get("name").asText().equals("thread_name"))
        .forEach(e -> threads.add(e.get("args").get("name").asText()));
    assertTrue(threads.containsAll(List.of("cpu-1", "cpu-2", "io-1")), threads.toString());
    assertEquals(0, doc.get("otherData").get("eventsLeftOut").asLong());

    // The X events are the lanes: per thread the same held time, to the nanosecond.
    Timeline t = ts.get(0);
    for (Timeline.Lane lane : t.lanes()) {
      double micros =
          events.stream()
              .filter(
                  e ->
                      e.get("pid").asInt() == 1
                          && e.get("tid").asLong() == lane.threadId()
                          && e.get("name").asText().equals("holding the GIL"))
              .mapToDouble(e -> e.get("dur").asDouble())
              .sum();
      assertEquals(lane.nanos(Timeline.State.RUNNING) / 1000.0, micros, 1e-3, lane.threadName());
    }
  }

  /**
   * Two threads taking turns, by a schedule: b's wait is a slice, its drop request an arrow from b
   * to the ACQUIRE that answers it, the ticks instants on the holder's track.
   */
  @Test
  void aWaitIsASliceAndADropRequestAFlowToTheSwitchThatAnswersIt() throws Exception {
    Path file = dir.resolve(TraceExport.FILE);
    TraceExport.write(List.of(ticksLike(3)), file, TraceExport.DEFAULT_MAX_BYTES);

    List<JsonNode> events = validate(new ObjectMapper().readTree(file.toFile()));
    List<JsonNode> waits = named(events, "X", "waiting for the GIL");
    assertEquals(1, waits.size(), waits.toString());
    assertEquals(2, waits.get(0).get("tid").asLong(), "b waits");
    JsonNode start = named(events, "s", "drop request").get(0);
    JsonNode finish = named(events, "f", "drop request").get(0);
    assertEquals(start.get("id"), finish.get("id"));
    assertEquals(2, start.get("tid").asLong(), "b asks");
    assertEquals(2, finish.get("tid").asLong(), "b's ACQUIRE answers");
    assertEquals(3, named(events, "i", "TICK").size());
  }

  private static List<JsonNode> named(List<JsonNode> events, String ph, String name) {
    return events.stream()
        .filter(e -> e.get("ph").asText().equals(ph) && e.get("name").asText().equals(name))
        .toList();
  }

  /**
   * A ticks-like run of 100,000 holds (some 11 MB of trace) against the default cap: the file stays
   * under 2 MB, still valid, with every left-out event counted; the small timeline beside it is
   * whole.
   */
  @Test
  void aHugeRunIsCappedAtTwoMegabytesAndSaysHowMuchItLeftOut() throws Exception {
    Timeline huge = ticksLike(100_000);
    Timeline small = ticksLike(50);
    Path file = dir.resolve(TraceExport.FILE);
    TraceExport.Summary s =
        TraceExport.write(List.of(huge, small), file, TraceExport.DEFAULT_MAX_BYTES);

    assertTrue(Files.size(file) <= TraceExport.DEFAULT_MAX_BYTES, Files.size(file) + " bytes");
    assertTrue(Files.size(file) > TraceExport.DEFAULT_MAX_BYTES * 9 / 10, "the cap is used");
    JsonNode doc = new ObjectMapper().readTree(file.toFile());
    validate(doc);
    TraceExport.Part hugePart = s.parts().get(0);
    TraceExport.Part smallPart = s.parts().get(1);
    assertEquals(0, smallPart.leftOut());
    assertTrue(hugePart.leftOut() > 100_000, "left out: " + hugePart.leftOut());
    // a hold and a tick per round; b's first wait, its drop request, and the request's flow (2)
    long all = 100_000 * 2 + 1 + 1 + 2;
    assertEquals(all, hugePart.written() + hugePart.leftOut());
    assertEquals(s.leftOut(), doc.get("otherData").get("eventsLeftOut").asLong());
    assertEquals(
        hugePart.leftOut(),
        doc.get("otherData").get("timelines").get(0).get("eventsLeftOut").asLong());
  }

  /** Two threads taking turns: a waits, b asks, a ticks away n times (a hold and a tick each). */
  private static Timeline ticksLike(int rounds) {
    List<GilEvent> events = new ArrayList<>();
    long seq = 0;
    long t = 1_000;
    events.add(new GilEvent(seq++, t, Kind.ACQUIRE, 1, "a"));
    events.add(new GilEvent(seq++, t += 10, Kind.WAIT, 2, "b"));
    events.add(new GilEvent(seq++, t += 10, Kind.DROP_REQUEST, 2, "b"));
    for (int i = 0; i < rounds; i++) {
      long who = i % 2 == 0 ? 1 : 2;
      events.add(new GilEvent(seq++, t += 1_000, Kind.TICK, who, who == 1 ? "a" : "b"));
      long next = 3 - who;
      events.add(new GilEvent(seq++, t += 5, Kind.ACQUIRE, next, next == 1 ? "a" : "b"));
    }
    return Timeline.of(
        "ticks(100)", events, new GilStats("ticks(100)", rounds, ImmutableList.of()));
  }

  /**
   * The Trace Event Format's rules: a {@code traceEvents} array; every event has a name, a ph, a
   * numeric ts (µs), a pid and a tid; X events a dur of at least 0; B and E balanced per thread;
   * every flow start a finish with the same id (and the other way round), finishes binding to the
   * enclosing slice; a thread_name for every thread used.
   */
  static List<JsonNode> validate(JsonNode doc) {
    assertTrue(doc.isObject() && doc.get("traceEvents").isArray(), "{\"traceEvents\": [...]}");
    List<JsonNode> events = new ArrayList<>();
    doc.get("traceEvents").forEach(events::add);
    Map<String, Integer> open = new HashMap<>();
    Map<Long, Integer> flowStarts = new HashMap<>();
    Map<Long, Integer> flowEnds = new HashMap<>();
    Set<String> named = new HashSet<>();
    Set<String> used = new HashSet<>();
    for (JsonNode e : events) {
      for (String f : List.of("name", "ph", "ts", "pid", "tid")) {
        assertTrue(e.hasNonNull(f), f + " missing in " + e);
      }
      assertTrue(e.get("name").isTextual() && e.get("ph").isTextual(), e.toString());
      assertTrue(e.get("ts").isNumber() && e.get("ts").asDouble() >= 0, e.toString());
      assertTrue(e.get("pid").isIntegralNumber() && e.get("tid").isIntegralNumber(), e.toString());
      String track = e.get("pid").asLong() + "/" + e.get("tid").asLong();
      String ph = e.get("ph").asText();
      switch (ph) {
        case "M" -> {
          if (e.get("name").asText().equals("thread_name")) {
            assertTrue(e.get("args").get("name").isTextual(), e.toString());
            named.add(track);
          }
        }
        case "X" -> {
          assertTrue(e.hasNonNull("dur") && e.get("dur").isNumber(), e.toString());
          assertTrue(e.get("dur").asDouble() >= 0, e.toString());
          used.add(track);
        }
        case "B" -> {
          open.merge(track, 1, Integer::sum);
          used.add(track);
        }
        case "E" -> {
          assertTrue(open.getOrDefault(track, 0) > 0, "E without B: " + e);
          open.merge(track, -1, Integer::sum);
        }
        case "i" -> used.add(track);
        case "s" -> {
          flowStarts.merge(e.get("id").asLong(), 1, Integer::sum);
          used.add(track);
        }
        case "f" -> {
          assertEquals("e", e.get("bp").asText(), e.toString());
          flowEnds.merge(e.get("id").asLong(), 1, Integer::sum);
          used.add(track);
        }
        default -> throw new AssertionError("unexpected ph " + ph + ": " + e);
      }
    }
    open.forEach((track, n) -> assertEquals(0, n, "B/E unbalanced on " + track));
    assertEquals(flowStarts, flowEnds, "every flow start has its finish, one each");
    flowStarts.values().forEach(n -> assertEquals(1, n, "one start per id"));
    assertTrue(named.containsAll(used), "tracks without a thread_name: " + difference(used, named));
    return events;
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> d = new HashSet<>(a);
    d.removeAll(b);
    return d;
  }
}
