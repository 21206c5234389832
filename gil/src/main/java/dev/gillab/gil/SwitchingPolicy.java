package dev.gillab.gil;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.errorprone.annotations.Immutable;
import java.time.Duration;

/**
 * Decides when the thread holding a {@link Gil} must let go of it.
 *
 * <p>A policy answers the questions the GIL asks at its decision points: how long a thread that
 * finds the GIL taken waits before it asks the holder to drop it, and whether a holder that dropped
 * on request must wait until another thread has taken it. The holder only ever lets go at an
 * eval-breaker check ({@link Gil#checkpoint()}), so a policy decides <em>whether</em> a switch is
 * due, never interrupts a thread between two instructions.
 *
 * <p>Implementations must be immutable and thread-safe: one policy object is consulted by every
 * thread of an interpreter at once. New decision points are added as default methods, so an
 * existing policy keeps compiling.
 */
@Immutable
public interface SwitchingPolicy {

  /** Default switch interval, as CPython's {@code sys.getswitchinterval()}: 5 ms. */
  Duration DEFAULT_INTERVAL = Duration.ofMillis(5);

  /** {@return {@link #interval(Duration)} with the default 5 ms, CPython's own policy} */
  static SwitchingPolicy interval() {
    return interval(DEFAULT_INTERVAL);
  }

  /**
   * CPython's policy since 3.2: a thread that wants the GIL waits one interval; if no switch
   * happened meanwhile it sets the drop request; the holder drops at its next eval-breaker check
   * and waits until another thread has taken the GIL (forced switching), so it cannot take it
   * straight back.
   *
   * @param interval how long a waiter waits before it asks the holder to drop the GIL; positive
   * @return the policy, named {@code interval(5ms)} and the like
   * @throws IllegalArgumentException if {@code interval} is zero or negative
   */
  static SwitchingPolicy interval(Duration interval) {
    checkNotNull(interval, "interval");
    checkArgument(
        !interval.isNegative() && !interval.isZero(), "interval must be positive: %s", interval);
    return new IntervalPolicy(interval.toNanos(), false);
  }

  /** Default tick count of {@link #ticks()}: CPython 2's {@code sys.getcheckinterval()}, 100. */
  int DEFAULT_TICKS = 100;

  /** {@return {@link #ticks(int)} with the default 100 instructions} */
  static SwitchingPolicy ticks() {
    return ticks(DEFAULT_TICKS);
  }

  /**
   * The GIL before CPython 3.2: the holder releases and re-takes the GIL every {@code n}
   * instructions (counted exactly, acted on at the next eval-breaker check), with no hand-off:
   * nobody asks for the GIL and nobody waits for a switch, so whoever wins the race after a release
   * runs next — on several cores usually the thread that just let go, which is the thrashing
   * Beazley measured.
   *
   * @param n the instructions between a release and the next, at least 1
   * @return the policy, named {@code ticks(100)} and the like
   * @throws IllegalArgumentException if {@code n} is less than 1
   */
  static SwitchingPolicy ticks(int n) {
    checkArgument(n >= 1, "ticks must be at least 1, got %s", n);
    return new TicksPolicy(n);
  }

  /** {@return {@link #ioPriority(Duration)} with the default 5 ms} */
  static SwitchingPolicy ioPriority() {
    return ioPriority(DEFAULT_INTERVAL);
  }

  /**
   * {@code interval}, plus priority for IO: a thread coming back from a GIL-releasing call sets the
   * drop request at once, and the holder hands the GIL straight to it at its next check (Beazley's
   * proposal against the convoy effect; CPython never shipped it). The thread back from IO borrows
   * the GIL: when it lets go again, the GIL goes back to the holder that handed it over, still
   * spinning, rather than to the head of the line, a parked thread whose wake-up every round trip
   * would wait for beside two or more CPU-bound threads. CPU-bound waiters still wait one interval:
   * a borrow and its give-back are not a turn, so they do not put off a waiter's request.
   *
   * @param interval how long a CPU-bound waiter waits before it asks the holder to drop the GIL;
   *     positive
   * @return the policy, named {@code ioPriority(5ms)} and the like
   * @throws IllegalArgumentException if {@code interval} is zero or negative
   */
  static SwitchingPolicy ioPriority(Duration interval) {
    checkNotNull(interval, "interval");
    checkArgument(
        !interval.isNegative() && !interval.isZero(), "interval must be positive: %s", interval);
    return new IntervalPolicy(interval.toNanos(), true);
  }

  /**
   * No GIL at all (free-threaded CPython, PEP 703): threads attach to the interpreter without
   * excluding each other, so several run bytecode at the same moment. Reference counts must then be
   * {@code ATOMIC} or {@code BIASED}; an interpreter refuses {@code PLAIN} counts under this policy
   * unless told to run unsafely ({@code Interpreter.Builder#allowUnsafePlainCounts}).
   *
   * @return the policy, named {@code none}; every call answers the same instance
   */
  static SwitchingPolicy none() {
    return NonePolicy.INSTANCE;
  }

  /** {@return a short name for reports, such as {@code interval(5ms)}} */
  String name();

  /**
   * {@return how many instructions the holder runs from one release and re-take of the GIL to the
   * next ({@code ticks}); 0 (the default) means the policy does not count instructions}
   */
  default int ticksPerRelease() {
    return 0;
  }

  /**
   * {@return whether a thread coming back from a GIL-releasing call asks for the GIL at once and is
   * handed it at the holder's next check ({@code ioPriority})} Default false.
   */
  default boolean prioritizesIo() {
    return false;
  }

  /**
   * {@return whether there is a lock at all; false for {@link #none()}, whose threads run bytecode
   * in parallel} Default true.
   */
  default boolean excludes() {
    return true;
  }

  /**
   * {@return how long, in nanoseconds, a thread that finds the GIL taken spins, re-reading it,
   * before it parks; 0 (the default) means it parks at once, as CPython's {@code take_gil} does}
   * Spinning pays off only where the GIL comes free within microseconds, as in {@code ioPriority}'s
   * hand-offs.
   */
  default long spinNanos() {
    return 0;
  }

  /**
   * {@return whether the policy has a switch interval that {@code Gil#setSwitchInterval} may change
   * ({@code interval} and {@code ioPriority})} Default: when the policy excludes and its
   * drop-request delay is finite.
   */
  default boolean hasSwitchInterval() {
    return excludes() && dropRequestDelayNanos() != Long.MAX_VALUE;
  }

  /**
   * {@return how long a thread that finds the GIL held waits before it sets the drop request, in
   * nanoseconds; {@link Long#MAX_VALUE} (the default, as for {@code ticks} and {@code none}) means
   * it never asks and waits until the GIL is released}
   */
  default long dropRequestDelayNanos() {
    return Long.MAX_VALUE;
  }

  /**
   * {@return whether a holder that dropped the GIL because it was asked to waits until another
   * thread has taken it (CPython's {@code FORCE_SWITCHING})} Without it the dropper often takes the
   * GIL straight back. Default false: a policy that never asks has nothing to force.
   */
  default boolean forcedSwitching() {
    return false;
  }

  /** The {@code ticks} policy; see {@link SwitchingPolicy#ticks(int)}. */
  @Immutable
  final class TicksPolicy implements SwitchingPolicy {
    private final int ticks;

    private TicksPolicy(int ticks) {
      this.ticks = ticks;
    }

    @Override
    public String name() {
      return "ticks(" + ticks + ")";
    }

    @Override
    public int ticksPerRelease() {
      return ticks;
    }

    @Override
    public String toString() {
      return name();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TicksPolicy ticksPolicy && ticksPolicy.ticks == ticks;
    }

    @Override
    public int hashCode() {
      return ticks;
    }
  }

  /** The {@code none} policy; see {@link SwitchingPolicy#none()}. */
  @Immutable
  final class NonePolicy implements SwitchingPolicy {
    static final NonePolicy INSTANCE = new NonePolicy();

    private NonePolicy() {}

    @Override
    public String name() {
      return "none";
    }

    @Override
    public boolean excludes() {
      return false;
    }

    @Override
    public String toString() {
      return name();
    }
  }

  /**
   * The {@code interval} policy, and {@code ioPriority}, which is {@code interval} plus the
   * hand-off to a thread back from IO; see {@link SwitchingPolicy#interval(Duration)} and {@link
   * SwitchingPolicy#ioPriority(Duration)}.
   */
  @Immutable
  final class IntervalPolicy implements SwitchingPolicy {
    private static final long IO_PRIORITY_SPIN_NANOS = 100_000;

    private final long intervalNanos;
    private final boolean prioritizesIo;

    private IntervalPolicy(long intervalNanos, boolean prioritizesIo) {
      this.intervalNanos = intervalNanos;
      this.prioritizesIo = prioritizesIo;
    }

    @Override
    public String name() {
      return (prioritizesIo ? "ioPriority(" : "interval(") + Durations.format(intervalNanos) + ")";
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
    public boolean prioritizesIo() {
      return prioritizesIo;
    }

    /**
     * {@code ioPriority} spins: each round trip of an IO thread moves the GIL twice, the holder's
     * hand-off to the thread back from IO at its next check, and that thread's release when it
     * blocks again, which gives the GIL back to the holder, spinning meanwhile; both are due within
     * microseconds. Parked, each side would pay a wake-up of tens of microseconds each time, and
     * the CPU-bound thread lost up to 70 % of its throughput to them.
     *
     * <p>The spin outlasts a wake-up (30-50 us here) on purpose. Once one side has parked (after a
     * collection, say), the other waits a wake-up for it; with a spin shorter than that (20 us was
     * tried), that side's spin runs out and it parks too, and the pair stays parked round trip
     * after round trip: every hand-off and give-back pays a wake-up, and the round trip is 3 to 5
     * times what it is while both spin. A longer spin ends the moment the GIL comes, so it costs
     * nothing while both sides are quick.
     */
    @Override
    public long spinNanos() {
      return prioritizesIo ? IO_PRIORITY_SPIN_NANOS : 0;
    }

    @Override
    public String toString() {
      return name();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof IntervalPolicy intervalPolicy
          && intervalPolicy.intervalNanos == intervalNanos
          && intervalPolicy.prioritizesIo == prioritizesIo;
    }

    @Override
    public int hashCode() {
      return (prioritizesIo ? 31 : 0) + Long.hashCode(intervalNanos);
    }
  }
}
