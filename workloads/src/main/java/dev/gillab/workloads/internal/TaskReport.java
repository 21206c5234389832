package dev.gillab.workloads.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a pool worker reports about one task: its pid, when the task ran (microseconds since the
 * epoch, a clock every process shares), its interpreter's GIL figures and instructions, and what
 * the worker JVM's JIT compiled meanwhile ({@link Jit}). Immutable.
 */
public record TaskReport(
    long pid,
    long startMicros,
    long endMicros,
    long switches,
    long gilHeldNanos,
    long gilWaitingNanos,
    long instructions,
    long jitMillis) {

  /** Now, in microseconds since the epoch. */
  public static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  /** The task's GIL figures and instructions. */
  public GilFigures gil() {
    return new GilFigures(switches, gilHeldNanos, gilWaitingNanos, instructions);
  }

  /** Whether this task and {@code other} were running at one moment. */
  public boolean overlaps(TaskReport other) {
    return startMicros < other.endMicros && other.startMicros < endMicros;
  }

  public byte[] encode() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pid", pid);
    m.put("start", startMicros);
    m.put("end", endMicros);
    m.put("switches", switches);
    m.put("gilHeld", gilHeldNanos);
    m.put("gilWaiting", gilWaitingNanos);
    m.put("instructions", instructions);
    m.put("jit", jitMillis);
    return Params.of(m).encode();
  }

  public static TaskReport decode(byte[] bytes) {
    Params p = Params.decode(bytes);
    return new TaskReport(
        p.getLong("pid"),
        p.getLong("start"),
        p.getLong("end"),
        p.getLong("switches"),
        p.getLong("gilHeld"),
        p.getLong("gilWaiting"),
        p.getLong("instructions"),
        p.getLong("jit"));
  }
}
