package dev.gillab.workloads.report;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.gillab.gil.GilEvent;
import dev.gillab.gil.GilEvent.Kind;
import dev.gillab.gil.GilStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A traced run's GIL events turned into lanes: one per thread, in the order threads first
 * appear, each a list of segments (running bytecode, waiting for the GIL, in IO) and marks (drop
 * requests, forced switches). A thread runs bytecode from its {@code ACQUIRE} to its next {@code
 * RELEASE}, {@code FORCED_DROP}, {@code TICK} or {@code IO_RELEASE}; waits from {@code WAIT} (or
 * {@code IO_RETAKE}) to its next {@code ACQUIRE}; is in IO from {@code IO_RELEASE} to {@code
 * IO_RETAKE}. Anything still open when the events end is cut at the last event. Immutable.
 *
 * @param policy the policy's name, e.g. {@code interval(5ms)}
 * @param events the raw events, oldest first
 * @param stats the GIL's own counters for the same run (for the table and the cross-check)
 * @param lanes one per thread
 */
public record Timeline(
    String policy, List<GilEvent> events, GilStats stats, List<Lane> lanes) {

  /** What a thread was doing with the GIL over a stretch of time. */
  public enum State {
    RUNNING("running bytecode (holds the GIL)"),
    WAITING("waiting for the GIL"),
    IO("in IO (GIL released)");

    private final String description;

    State(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  /** {@code state} from {@code startNanos} to {@code endNanos} ({@code System.nanoTime}). */
  public record Segment(State state, long startNanos, long endNanos) {
    public long nanos() {
      return endNanos - startNanos;
    }
  }

  /** A point event on a lane: {@code DROP_REQUEST}, {@code FORCED_DROP} or {@code TICK}. */
  public record Mark(Kind kind, long nanos) {}

  /** One thread's lane. */
  public record Lane(long threadId, String threadName, List<Segment> segments, List<Mark> marks) {
    public Lane {
      segments = ImmutableList.copyOf(segments);
      marks = ImmutableList.copyOf(marks);
    }

    /** Total time in {@code state}. */
    public long nanos(State state) {
      return segments.stream().filter(s -> s.state() == state).mapToLong(Segment::nanos).sum();
    }
  }

  public Timeline {
    checkNotNull(policy, "policy");
    checkNotNull(stats, "stats");
    events = ImmutableList.copyOf(events);
    lanes = ImmutableList.copyOf(lanes);
  }

  /** The lanes {@code events} describe. */
  public static Timeline of(String policy, List<GilEvent> events, GilStats stats) {
    Map<Long, LaneBuilder> byThread = new LinkedHashMap<>();
    long last = events.isEmpty() ? 0 : events.get(events.size() - 1).nanoTime();
    for (GilEvent e : events) {
      byThread.computeIfAbsent(e.threadId(), id -> new LaneBuilder(id, e.threadName())).add(e);
    }
    List<Lane> lanes = new ArrayList<>();
    for (LaneBuilder b : byThread.values()) {
      lanes.add(b.finish(last));
    }
    return new Timeline(policy, events, stats, lanes);
  }

  /** The first event's time, or 0 with none. */
  public long startNanos() {
    return events.isEmpty() ? 0 : events.get(0).nanoTime();
  }

  /** The last event's time, or 0 with none. */
  public long endNanos() {
    return events.isEmpty() ? 0 : events.get(events.size() - 1).nanoTime();
  }

  /** Events the bounded ring let go of before the first one kept. */
  public long eventsLost() {
    return events.isEmpty() ? 0 : events.get(0).sequence();
  }

  /** Folds one thread's events into segments; not thread-safe, used by {@link #of} only. */
  private static final class LaneBuilder {
    private final long id;
    private final String name;
    private final List<Segment> segments = new ArrayList<>();
    private final List<Mark> marks = new ArrayList<>();
    private State state;
    private long since;

    LaneBuilder(long id, String name) {
      this.id = id;
      this.name = name;
    }

    void add(GilEvent e) {
      long t = e.nanoTime();
      switch (e.kind()) {
        case WAIT -> enter(State.WAITING, t);
        case ACQUIRE -> enter(State.RUNNING, t);
        case RELEASE -> leave(t);
        case FORCED_DROP, TICK -> {
          leave(t);
          marks.add(new Mark(e.kind(), t));
        }
        case IO_RELEASE -> enter(State.IO, t);
        case IO_RETAKE -> enter(State.WAITING, t);
        case DROP_REQUEST -> marks.add(new Mark(e.kind(), t));
      }
    }

    private void enter(State next, long t) {
      if (state == next) {
        return; // e.g. IO_RETAKE then WAIT: one wait
      }
      leave(t);
      state = next;
      since = t;
    }

    private void leave(long t) {
      if (state != null) {
        segments.add(new Segment(state, since, t));
      }
      state = null;
    }

    Lane finish(long last) {
      leave(Math.max(last, since));
      return new Lane(id, name, segments, marks);
    }
  }
}
