package dev.gillab.gil;

import com.google.errorprone.annotations.Immutable;

/**
 * One entry of a GIL's event ring: what happened, when ({@link System#nanoTime()}), and to which
 * thread. {@code sequence} numbers every event the GIL recorded since tracing started, from 0, so a
 * gap before the first event of a snapshot says how many the bounded ring let go of. Immutable.
 */
@Immutable
public record GilEvent(long sequence, long nanoTime, Kind kind, long threadId, String threadName) {

  /** What a thread did with the GIL. */
  public enum Kind {
    /** Found the GIL taken and started waiting for it (the slow path of taking it). */
    WAIT,
    /** Took the GIL (after a {@code WAIT}, or at once when it was free). */
    ACQUIRE,
    /** Let go of the GIL ({@link Gil#release()}). */
    RELEASE,
    /** A waiter asked the holder to drop the GIL (set the eval breaker). */
    DROP_REQUEST,
    /** The holder let go because it was asked to, at an eval-breaker check. */
    FORCED_DROP,
    /** The holder let go every n instructions under {@code ticks}. */
    TICK,
    /** Let go around a blocking call ({@link Gil#allowThreads}). */
    IO_RELEASE,
    /** Back from a blocking call, wants the GIL again (an {@code ACQUIRE} follows). */
    IO_RETAKE
  }

  @Override
  public String toString() {
    return sequence + " " + nanoTime + " " + kind + " " + threadName;
  }
}
