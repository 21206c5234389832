package dev.gillab.workloads.report;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.google.common.collect.ImmutableList;
import com.google.common.io.CountingOutputStream;
import dev.gillab.workloads.internal.AtomicFile;
import dev.gillab.workloads.report.Timeline.Flow;
import dev.gillab.workloads.report.Timeline.Lane;
import dev.gillab.workloads.report.Timeline.Mark;
import dev.gillab.workloads.report.Timeline.Segment;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes timelines as a Chrome Trace Event Format file ({@code gil-trace.json}), the JSON that
 * ui.perfetto.dev and chrome://tracing open: {@code {"traceEvents": [...]}}.
 *
 * <p>Each timeline is a process (pid 1, 2, … in the order given, named {@code "GIL, policy
 * interval(5ms)"} by a {@code process_name} metadata event) and each of its threads a track (tid =
 * the thread's id, named by a {@code thread_name} metadata event). A thread's states are complete
 * events ({@code "ph":"X"}): <i>holding the GIL</i>, <i>waiting for the GIL</i>, <i>in IO</i> — the
 * lanes of {@link Timeline}, so the trace agrees with the page and with the GIL's counters; the
 * stretches outside the GIL are left as gaps in the track. Drop requests, forced drops and ticks
 * are thread-scoped instant events ({@code "ph":"i"}), and every drop request that a switch
 * answered is a flow ({@code "ph":"s"} on the asking thread, {@code "ph":"f"}, {@code "bp":"e"}, on
 * the thread that took the GIL, one id per pair in the whole file). Times are microseconds from the
 * timeline's first event, so the policies line up at 0.
 *
 * <p><b>Size.</b> A {@code ticks} run makes a hundred thousand holds, and the raw events once made
 * an 11.7 MB file; this one is capped ({@link #DEFAULT_MAX_BYTES}). The generator streams to a
 * counting stream, one event (or flow pair) at a time, in time order within a timeline; each
 * timeline may use an equal share of what the smaller ones before it left (they are written
 * smallest first), and stops when its share is spent, so what is kept of a timeline is its
 * beginning, whole. How many events were left out, per timeline and in all, is in the file's {@code
 * otherData} and in the {@link Summary}. Stateless.
 */
public final class TraceExport {
  /** The file's name beside the report's page. */
  public static final String FILE = "gil-trace.json";

  /** No trace file is larger than this by default: 2 MB. */
  public static final long DEFAULT_MAX_BYTES = 2_000_000;

  /** Kept back for the end of the document (the closing brackets and {@code otherData}). */
  private static final long RESERVE = 8_192;

  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM).build();

  private TraceExport() {}

  /**
   * What one timeline's part of the file holds.
   *
   * @param policy the timeline's policy, e.g. {@code interval(5ms)}
   * @param pid the process the timeline is in the file: 1, 2, … in the order given
   * @param written trace events written, metadata aside (a flow counts two)
   * @param leftOut trace events the cap left out
   * @param coveredMillis how much of the timeline the written events cover, in milliseconds from
   *     its first event
   */
  public record Part(String policy, int pid, long written, long leftOut, double coveredMillis) {}

  /**
   * What the file holds: a part per timeline, in the order given, its size and its cap.
   *
   * @param parts a part per timeline, in the order given
   * @param bytes the file's size, in bytes
   * @param maxBytes the cap it was written under, in bytes
   */
  public record Summary(List<Part> parts, long bytes, long maxBytes) {
    /**
     * Copies the parts.
     *
     * @param parts a part per timeline, in the order given
     * @param bytes the file's size, in bytes
     * @param maxBytes the cap it was written under, in bytes
     * @throws NullPointerException if {@code parts} or one of them is null
     */
    public Summary {
      parts = ImmutableList.copyOf(parts);
    }

    /** {@return the trace events the cap left out, in all timelines} */
    public long leftOut() {
      return parts.stream().mapToLong(Part::leftOut).sum();
    }

    /** {@return the trace events written, in all timelines} */
    public long written() {
      return parts.stream().mapToLong(Part::written).sum();
    }
  }

  /**
   * Writes {@code timelines} to {@code file}, {@code maxBytes} at most, as {@link AtomicFile}
   * writes: whole or not at all, through a symbolic link, never over a device or FIFO.
   *
   * @param timelines the timelines, each a process of the trace
   * @param file the file to write; its folder must exist
   * @param maxBytes the file's cap, in bytes; must be above 16,384
   * @return what the file holds
   * @throws IOException if the file cannot be written; it is then as it was
   * @throws IllegalArgumentException if {@code maxBytes} is 16,384 or less
   */
  public static Summary write(List<Timeline> timelines, Path file, long maxBytes)
      throws IOException {
    return AtomicFile.write(file, out -> write(timelines, out, maxBytes));
  }

  /**
   * Writes {@code timelines} as one trace document to {@code out}, and closes it.
   *
   * @param timelines the timelines, each a process of the trace
   * @param out where the document goes; this call closes it, unless it refuses {@code maxBytes}
   * @param maxBytes the document's cap, in bytes; must be above 16,384
   * @return what the document holds
   * @throws IOException if writing to {@code out} fails
   * @throws IllegalArgumentException if {@code maxBytes} is 16,384 or less
   */
  public static Summary write(List<Timeline> timelines, OutputStream out, long maxBytes)
      throws IOException {
    checkArgument(
        maxBytes > 2 * RESERVE, "maxBytes must be above %s, was %s", 2 * RESERVE, maxBytes);
    CountingOutputStream counted = new CountingOutputStream(out);
    List<List<Unit>> units = new ArrayList<>();
    for (Timeline t : timelines) {
      units.add(units(t));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < timelines.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt(i -> units.get(i).size()));
    Part[] parts = new Part[timelines.size()];
    try (JsonGenerator g = JSON.createGenerator(counted, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("displayTimeUnit", "ms");
      g.writeArrayFieldStart("traceEvents");
      for (int k = 0; k < order.size(); k++) {
        int i = order.get(k);
        Timeline t = timelines.get(i);
        int pid = i + 1;
        metadata(g, t, pid);
        g.flush();
        long share = (maxBytes - RESERVE - counted.getCount()) / (order.size() - k);
        long end = counted.getCount() + Math.max(0, share);
        long written = 0;
        double covered = 0;
        for (Unit u : units.get(i)) {
          if (counted.getCount() >= end) {
            break;
          }
          u.write(g, t.startNanos(), pid);
          g.flush();
          written += u.events();
          covered = Math.max(covered, (u.endNanos() - t.startNanos()) / 1e6);
        }
        long all = units.get(i).stream().mapToLong(Unit::events).sum();
        parts[i] = new Part(t.policy(), pid, written, all - written, covered);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("otherData");
      g.writeStringField("generator", "gil-lab");
      long leftOut = 0;
      for (Part p : parts) {
        leftOut += p.leftOut();
      }
      g.writeNumberField("eventsLeftOut", leftOut);
      g.writeNumberField("maxBytes", maxBytes);
      g.writeArrayFieldStart("timelines");
      for (Part p : parts) {
        g.writeStartObject();
        g.writeStringField("policy", p.policy());
        g.writeNumberField("pid", p.pid());
        g.writeNumberField("eventsWritten", p.written());
        g.writeNumberField("eventsLeftOut", p.leftOut());
        g.writeNumberField("coveredMillis", p.coveredMillis());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    }
    return new Summary(List.of(parts), counted.getCount(), maxBytes);
  }

  private static void metadata(JsonGenerator g, Timeline t, int pid) throws IOException {
    meta(g, "process_name", pid, 0, "GIL, policy " + t.policy());
    meta(g, "process_sort_index", pid, 0, null);
    for (Lane l : t.lanes()) {
      meta(g, "thread_name", pid, l.threadId(), l.threadName());
    }
  }

  private static void meta(JsonGenerator g, String name, int pid, long tid, @Nullable String value)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("name", name);
    g.writeStringField("ph", "M");
    g.writeNumberField("ts", 0);
    g.writeNumberField("pid", pid);
    g.writeNumberField("tid", tid);
    g.writeObjectFieldStart("args");
    if (value == null) {
      g.writeNumberField("sort_index", pid);
    } else {
      g.writeStringField("name", value);
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  /** One timeline's events in time order, as units that are written whole or not at all. */
  private static List<Unit> units(Timeline t) {
    List<Unit> units = new ArrayList<>();
    for (Lane l : t.lanes()) {
      for (Segment s : l.segments()) {
        String name =
            switch (s.state()) {
              case RUNNING -> "holding the GIL";
              case WAITING -> "waiting for the GIL";
              case IO -> "in IO";
              case OUTSIDE, UNKNOWN -> null;
            };
        if (name != null) {
          units.add(new Slice(name, l.threadId(), s.startNanos(), s.endNanos()));
        }
      }
      for (Mark m : l.marks()) {
        units.add(new Instant(m.kind().name(), l.threadId(), m.nanos()));
      }
    }
    long id = 0;
    for (Flow f : t.flows()) {
      units.add(new FlowPair(++id, f));
    }
    units.sort(Comparator.comparingLong(Unit::startNanos));
    return units;
  }

  /** Trace events that go in together. */
  private sealed interface Unit permits Slice, Instant, FlowPair {
    long startNanos();

    long endNanos();

    /** How many trace events it writes: one, but for a flow's two ends. */
    default int events() {
      return 1;
    }

    void write(JsonGenerator g, long origin, int pid) throws IOException;
  }

  private record Slice(String name, long tid, long startNanos, long endNanos) implements Unit {
    @Override
    public void write(JsonGenerator g, long origin, int pid) throws IOException {
      start(g, name, "X", startNanos, origin, pid, tid);
      g.writeNumberField("dur", micros(endNanos - startNanos));
      g.writeEndObject();
    }
  }

  private record Instant(String name, long tid, long startNanos) implements Unit {
    @Override
    public long endNanos() {
      return startNanos;
    }

    @Override
    public void write(JsonGenerator g, long origin, int pid) throws IOException {
      start(g, name, "i", startNanos, origin, pid, tid);
      g.writeStringField("s", "t");
      g.writeEndObject();
    }
  }

  private record FlowPair(long id, Flow flow) implements Unit {
    @Override
    public long startNanos() {
      return flow.requestNanos();
    }

    @Override
    public long endNanos() {
      return flow.answerNanos();
    }

    @Override
    public int events() {
      return 2;
    }

    @Override
    public void write(JsonGenerator g, long origin, int pid) throws IOException {
      // Flow ids are the file's, not a process's: the timeline's pid keeps them apart.
      long global = ((long) pid << 32) + id;
      start(g, "drop request", "s", flow.requestNanos(), origin, pid, flow.requesterId());
      g.writeNumberField("id", global);
      g.writeEndObject();
      start(g, "drop request", "f", flow.answerNanos(), origin, pid, flow.answererId());
      g.writeNumberField("id", global);
      g.writeStringField("bp", "e");
      g.writeEndObject();
    }
  }

  private static void start(
      JsonGenerator g, String name, String ph, long nanos, long origin, int pid, long tid)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("name", name);
    g.writeStringField("cat", "gil");
    g.writeStringField("ph", ph);
    g.writeNumberField("ts", micros(nanos - origin));
    g.writeNumberField("pid", pid);
    g.writeNumberField("tid", tid);
  }

  /** Nanoseconds as microseconds to the nanosecond. */
  private static double micros(long nanos) {
    return nanos / 1000.0;
  }
}
