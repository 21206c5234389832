package dev.gillab.gil;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.errorprone.annotations.Immutable;
import java.time.Duration;

/**
 * Decides when the thread holding a {@link Gil} must let go of it.
 *
 * <p>A policy answers the questions the GIL asks at its decision points: how long a thread that
 * finds the GIL taken waits before it asks the holder to drop it, and whether a holder that
 * dropped on request must wait until another thread has taken it. The holder only ever lets go
 * at an eval-breaker check ({@link Gil#checkpoint()}), so a policy decides <em>whether</em> a
 * switch is due, never interrupts a thread between two instructions.
 *
 * <p>Implementations must be immutable and thread-safe: one policy object is consulted by every
 * thread of an interpreter at once. New decision points are added as default methods, so an
 * existing policy keeps compiling.
 */
@Immutable
public interface SwitchingPolicy {

  /** Default switch interval, as CPython's {@code sys.getswitchinterval()}: 5 ms. */
  Duration DEFAULT_INTERVAL = Duration.ofMillis(5);

  /** {@link #interval(Duration)} with the default 5 ms. */
  static SwitchingPolicy interval() {
    return interval(DEFAULT_INTERVAL);
  }

  /**
   * CPython's policy since 3.2: a thread that wants the GIL waits one interval; if no switch
   * happened meanwhile it sets the drop request; the holder drops at its next eval-breaker check
   * and waits until another thread has taken the GIL (forced switching), so it cannot take it
   * straight back.
   */
  static SwitchingPolicy interval(Duration interval) {
    checkNotNull(interval, "interval");
    checkArgument(
        !interval.isNegative() && !interval.isZero(), "interval must be positive: %s", interval);
    return new IntervalPolicy(interval.toNanos());
  }

  /** A short name for reports, such as {@code interval(5ms)}. */
  String name();

  /**
   * How long a thread that finds the GIL held waits before it sets the drop request, in
   * nanoseconds; {@link Long#MAX_VALUE} means it never asks and waits until the GIL is released.
   */
  long dropRequestDelayNanos();

  /**
   * Whether a holder that dropped the GIL because it was asked to waits until another thread has
   * taken it (CPython's {@code FORCE_SWITCHING}); without it the dropper often takes the GIL
   * straight back.
   */
  boolean forcedSwitching();

  /** The {@code interval} policy; see {@link SwitchingPolicy#interval(Duration)}. */
  @Immutable
  final class IntervalPolicy implements SwitchingPolicy {
    private final long intervalNanos;

    private IntervalPolicy(long intervalNanos) {
      this.intervalNanos = intervalNanos;
    }

    @Override
    public String name() {
      return "interval(" + Durations.format(intervalNanos) + ")";
    }

    @Override
    public long dropRequestDelayNanos() {
      return intervalNanos;
    }

    @Override
    public boolean forcedSwitching() {
      return true;
    }

    @Override
    public String toString() {
      return name();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof IntervalPolicy && ((IntervalPolicy) o).intervalNanos == intervalNanos;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(intervalNanos);
    }
  }
}
