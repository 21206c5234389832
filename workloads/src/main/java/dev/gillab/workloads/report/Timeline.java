package dev.gillab.workloads.report;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.gillab.gil.GilEvent;
import dev.gillab.gil.GilEvent.Kind;
import dev.gillab.gil.GilStats;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A traced run's GIL events turned into lanes: one per thread, in the order threads first appear,
 * each a list of segments and marks, plus the flows from each drop request to the switch that
 * answered it.
 *
 * <p>The lanes follow the very events the GIL's counters ({@link GilStats}) are kept on, with the
 * ring's semantics: a thread <em>holds</em> the GIL from its {@code ACQUIRE} to its next {@code
 * RELEASE}, {@code FORCED_DROP}, {@code TICK} or {@code IO_RELEASE} — the counters' held time; it
 * <em>waits</em> from {@code WAIT} to its next {@code ACQUIRE} — the counters' waiting time; it is
 * <em>in IO</em> from {@code IO_RELEASE} to {@code IO_RETAKE}. Between those it is
 * <em>outside</em>: let go of the GIL and not waiting for it (after a forced drop, waiting for the
 * switch; after a tick; back from IO before it waits), which the counters count as neither. So a
 * lane has no gap while its thread is known to the GIL: from its first event to its last, every
 * instant is in exactly one state, and the lane's held and waiting sums are the counters' (up to
 * the two clock reads the GIL takes for a counter and for its event).
 *
 * <p>When the bounded ring dropped older events ({@link #eventsLost()} &gt; 0) the lanes begin at
 * the first event kept, and what a thread was doing before its own first kept event is read from
 * that event where it tells: a release means it held the GIL, an {@code IO_RETAKE} that it was in
 * IO, a drop request that it was waiting; otherwise the stretch is {@link State#UNKNOWN}. The lanes
 * then cover only the kept window, and say so, rather than drawing a gap. A state still open at the
 * last event (a thread that has not released yet) ends there; an outside stretch after a thread's
 * last event is not drawn (the thread finished, or nothing more is known of it). Immutable.
 *
 * @param policy the policy's name, e.g. {@code interval(5ms)}
 * @param events the raw events, oldest first
 * @param stats the GIL's own counters for the same run (for the table and the cross-check)
 * @param lanes one per thread
 * @param flows one per drop request that a switch answered, in the order asked
 */
public record Timeline(
    String policy, List<GilEvent> events, GilStats stats, List<Lane> lanes, List<Flow> flows) {

  /** What a thread was doing with the GIL over a stretch of time. */
  public enum State {
    /** Holds the GIL, running bytecode: from {@code ACQUIRE} to the next letting go. */
    RUNNING("running bytecode (holds the GIL)"),
    /** Waits for the GIL: from {@code WAIT} to the next {@code ACQUIRE}. */
    WAITING("waiting for the GIL"),
    /** In a blocking call, the GIL released: from {@code IO_RELEASE} to {@code IO_RETAKE}. */
    IO("in IO (GIL released)"),
    /**
     * Let go of the GIL and not waiting for it: after a forced drop or a tick, or back from IO
     * before it waits.
     */
    OUTSIDE("let go, not waiting (after a forced drop or tick, back from IO)"),
    /** Not known: before the thread's first kept event, when the ring dropped older ones. */
    UNKNOWN("before its first kept event (the ring dropped older ones)");

    private final String description;

    State(String description) {
      this.description = description;
    }

    /** {@return what the state means, in words, e.g. {@code waiting for the GIL}} */
    public String description() {
      return description;
    }
  }

  /**
   * {@code state} from {@code startNanos} to {@code endNanos} ({@code System.nanoTime}).
   *
   * @param state what the thread was doing
   * @param startNanos when it began, in {@link System#nanoTime()}
   * @param endNanos when it ended, in {@link System#nanoTime()}
   */
  public record Segment(State state, long startNanos, long endNanos) {
    /** {@return how long the segment lasts, in nanoseconds} */
    public long nanos() {
      return endNanos - startNanos;
    }
  }

  /**
   * A point event on a lane: {@code DROP_REQUEST}, {@code FORCED_DROP} or {@code TICK}.
   *
   * @param kind the event's kind
   * @param nanos when it happened, in {@link System#nanoTime()}
   */
  public record Mark(Kind kind, long nanos) {}

  /**
   * A drop request and the switch that answered it: thread {@code requesterId} asked at {@code
   * requestNanos}; thread {@code answererId} took the GIL at {@code answerNanos} — the first {@code
   * ACQUIRE} after the request by a thread other than the one holding the GIL when it was asked
   * (or, if nobody held it then, the last to hold it).
   *
   * @param requesterId the id of the thread that asked
   * @param requestNanos when it asked, in {@link System#nanoTime()}
   * @param answererId the id of the thread that took the GIL
   * @param answerNanos when it took the GIL, in {@link System#nanoTime()}
   */
  public record Flow(long requesterId, long requestNanos, long answererId, long answerNanos) {}

  /**
   * One thread's lane.
   *
   * @param threadId the thread's id, as the GIL's events give it
   * @param threadName the thread's name
   * @param segments the thread's states, in time order
   * @param marks the thread's point events, in time order
   */
  public record Lane(long threadId, String threadName, List<Segment> segments, List<Mark> marks) {
    /**
     * Copies the lists.
     *
     * @param threadId the thread's id, as the GIL's events give it
     * @param threadName the thread's name
     * @param segments the thread's states, in time order
     * @param marks the thread's point events, in time order
     * @throws NullPointerException if a list or an element of one is null
     */
    public Lane {
      segments = ImmutableList.copyOf(segments);
      marks = ImmutableList.copyOf(marks);
    }

    /**
     * Total time in {@code state}.
     *
     * @param state the state to add up
     * @return the nanoseconds of the lane's segments in {@code state}
     */
    public long nanos(State state) {
      return segments.stream().filter(s -> s.state() == state).mapToLong(Segment::nanos).sum();
    }
  }

  /**
   * Checks {@code policy} and {@code stats} are given and copies the lists; {@link #of} is how
   * lanes and flows are made from events.
   *
   * @param policy the policy's name, e.g. {@code interval(5ms)}
   * @param events the raw events, oldest first
   * @param stats the GIL's own counters for the same run (for the table and the cross-check)
   * @param lanes one per thread
   * @param flows one per drop request that a switch answered, in the order asked
   * @throws NullPointerException if an argument or an element of a list is null
   */
  public Timeline {
    checkNotNull(policy, "policy");
    checkNotNull(stats, "stats");
    events = ImmutableList.copyOf(events);
    lanes = ImmutableList.copyOf(lanes);
    flows = ImmutableList.copyOf(flows);
  }

  /**
   * The lanes and flows {@code events} describe.
   *
   * @param policy the policy's name, e.g. {@code interval(5ms)}
   * @param events a GIL's events, oldest first, as its ring gives them
   * @param stats the GIL's own counters for the same run
   * @return the timeline: a lane per thread, in the order threads first appear, and the flows
   */
  public static Timeline of(String policy, List<GilEvent> events, GilStats stats) {
    Map<Long, LaneBuilder> byThread = new LinkedHashMap<>();
    boolean truncated = !events.isEmpty() && events.get(0).sequence() > 0;
    long first = events.isEmpty() ? 0 : events.get(0).nanoTime();
    long last = events.isEmpty() ? 0 : events.get(events.size() - 1).nanoTime();
    for (GilEvent e : events) {
      byThread
          .computeIfAbsent(
              e.threadId(), id -> new LaneBuilder(id, e.threadName(), truncated ? first : -1))
          .add(e);
    }
    List<Lane> lanes = new ArrayList<>();
    for (LaneBuilder b : byThread.values()) {
      lanes.add(b.finish(last));
    }
    return new Timeline(policy, events, stats, lanes, flows(events));
  }

  /** {@return the first event's time, in {@link System#nanoTime()}, or 0 with no events} */
  public long startNanos() {
    return events.isEmpty() ? 0 : events.get(0).nanoTime();
  }

  /** {@return the last event's time, in {@link System#nanoTime()}, or 0 with no events} */
  public long endNanos() {
    return events.isEmpty() ? 0 : events.get(events.size() - 1).nanoTime();
  }

  /** {@return how many events the bounded ring let go of before the first one kept} */
  public long eventsLost() {
    return events.isEmpty() ? 0 : events.get(0).sequence();
  }

  /** Pairs each drop request with the switch that answered it; see {@link Flow}. */
  private static List<Flow> flows(List<GilEvent> events) {
    List<Flow> flows = new ArrayList<>();
    List<long[]> pending = new ArrayList<>(); // {requester, nanos, holder then}
    long holder = -1;
    long lastHolder = -1;
    for (GilEvent e : events) {
      switch (e.kind()) {
        case DROP_REQUEST ->
            pending.add(new long[] {e.threadId(), e.nanoTime(), holder >= 0 ? holder : lastHolder});
        case ACQUIRE -> {
          holder = e.threadId();
          for (Iterator<long[]> it = pending.iterator(); it.hasNext(); ) {
            long[] p = it.next();
            if (p[2] != holder) {
              flows.add(new Flow(p[0], p[1], holder, e.nanoTime()));
              it.remove();
            }
          }
        }
        case RELEASE, FORCED_DROP, TICK, IO_RELEASE -> {
          if (holder == e.threadId()) {
            lastHolder = holder;
            holder = -1;
          }
        }
        case WAIT, IO_RETAKE -> {}
      }
    }
    flows.sort((a, b) -> Long.compare(a.requestNanos(), b.requestNanos()));
    return flows;
  }

  /** Folds one thread's events into segments; not thread-safe, used by {@link #of} only. */
  private static final class LaneBuilder {
    private final long id;
    private final String name;
    private final List<Segment> segments = new ArrayList<>();
    private final List<Mark> marks = new ArrayList<>();

    /** Where the kept window begins when the ring dropped events, else -1. */
    private final long windowStart;

    private @Nullable State state;
    private long since;
    private boolean seen;

    LaneBuilder(long id, String name, long windowStart) {
      this.id = id;
      this.name = name;
      this.windowStart = windowStart;
    }

    void add(GilEvent e) {
      long t = e.nanoTime();
      if (!seen) {
        seen = true;
        if (windowStart >= 0 && t > windowStart) {
          state = before(e.kind());
          since = windowStart;
        }
      }
      switch (e.kind()) {
        case WAIT -> enter(State.WAITING, t);
        case ACQUIRE -> enter(State.RUNNING, t);
        case RELEASE, IO_RETAKE -> enter(State.OUTSIDE, t);
        case FORCED_DROP, TICK -> {
          enter(State.OUTSIDE, t);
          marks.add(new Mark(e.kind(), t));
        }
        case IO_RELEASE -> enter(State.IO, t);
        case DROP_REQUEST -> {
          if (state == null) {
            enter(State.WAITING, t); // only a waiter asks
          }
          marks.add(new Mark(e.kind(), t));
        }
      }
    }

    /** What a thread whose first kept event is of {@code kind} was doing before it. */
    private static State before(Kind kind) {
      return switch (kind) {
        case RELEASE, FORCED_DROP, TICK, IO_RELEASE -> State.RUNNING;
        case IO_RETAKE -> State.IO;
        case DROP_REQUEST -> State.WAITING;
        case WAIT, ACQUIRE -> State.UNKNOWN;
      };
    }

    private void enter(State next, long t) {
      if (state == next) {
        return;
      }
      if (state != null && t > since) {
        segments.add(new Segment(state, since, t));
      }
      state = next;
      since = t;
    }

    Lane finish(long last) {
      if (state != null && state != State.OUTSIDE && last > since) {
        segments.add(new Segment(state, since, last));
      }
      return new Lane(id, name, segments, marks);
    }
  }
}
