package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.errorprone.annotations.Immutable;
import dev.gillab.gil.SwitchingPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A switching policy as the user names it ({@code interval}, {@code ticks}, {@code io-priority},
 * {@code none}) with the switch interval, and whether this build of the {@code gil} module can
 * make it.
 *
 * <p>This is the one place where workloads learns which policies exist. Today the {@code gil}
 * module offers {@code interval} only; {@code ticks}, {@code io-priority} and {@code none} (the
 * free-threaded modes) come with its part 2. Until then {@link #unavailableReason()} says so, and
 * every caller skips or refuses, never fakes, what needs them. When part 2 lands, {@link
 * #create()} gains its cases and nothing else changes. Immutable.
 */
@Immutable
public final class PolicyChoice {
  /** The policy names the command accepts, in the order tables list them. */
  public static final List<String> NAMES = List.of("interval", "ticks", "io-priority", "none");

  private static final String NEEDS_PART_2 =
      "needs the gil module's part 2 (policies ticks, io-priority and none), "
          + "which this build does not have yet";

  private final String name;
  private final long intervalNanos;

  private PolicyChoice(String name, long intervalNanos) {
    this.name = name;
    this.intervalNanos = intervalNanos;
  }

  /** {@code interval} with {@code interval} as its switch interval. */
  public static PolicyChoice interval(Duration interval) {
    return of("interval", interval);
  }

  /** The default: {@code interval} with CPython's 5 ms. */
  public static PolicyChoice defaultPolicy() {
    return interval(SwitchingPolicy.DEFAULT_INTERVAL);
  }

  /**
   * The policy called {@code name} ({@code ioPriority} and {@code io_priority} are accepted for
   * {@code io-priority}).
   *
   * @throws IllegalArgumentException for a name that is no policy, or a non-positive interval
   */
  public static PolicyChoice of(String name, Duration interval) {
    checkNotNull(name, "name");
    checkNotNull(interval, "interval");
    checkArgument(
        !interval.isNegative() && !interval.isZero(),
        "the switch interval must be positive, was %s", interval);
    String key = name.toLowerCase(Locale.ROOT).replace('_', '-');
    if (key.equals("iopriority")) {
      key = "io-priority";
    }
    checkArgument(
        NAMES.contains(key), "unknown policy '%s'; known: %s", name, String.join(", ", NAMES));
    return new PolicyChoice(key, interval.toNanos());
  }

  /** The same policy with another switch interval. */
  public PolicyChoice withInterval(Duration interval) {
    return of(name, interval);
  }

  /** {@code interval}, {@code ticks}, {@code io-priority} or {@code none}. */
  public String name() {
    return name;
  }

  public Duration interval() {
    return Duration.ofNanos(intervalNanos);
  }

  /** Whether this is {@code none}: no GIL at all. */
  public boolean isFreeThreaded() {
    return name.equals("none");
  }

  /** Why this build cannot make the policy; empty when it can. */
  public Optional<String> unavailableReason() {
    return name.equals("interval")
        ? Optional.empty()
        : Optional.of("policy '" + name + "' " + NEEDS_PART_2);
  }

  /**
   * The policy object for an interpreter.
   *
   * @throws UnavailableException if this build cannot make it
   */
  public SwitchingPolicy create() {
    Optional<String> why = unavailableReason();
    if (why.isPresent()) {
      throw new UnavailableException(why.get());
    }
    return SwitchingPolicy.interval(interval());
  }

  /** What tables show: the policy's own name where it can be made, else the user's name. */
  public String label() {
    return unavailableReason().isPresent() ? name : create().name();
  }

  /** The reason the free-threaded modes cannot run in this build (they need {@code none}). */
  public static Optional<String> freeThreadingUnavailableReason() {
    return of("none", SwitchingPolicy.DEFAULT_INTERVAL)
        .unavailableReason()
        .map(r -> "free-threading " + r.substring("policy 'none' ".length()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyChoice
        && ((PolicyChoice) o).name.equals(name)
        && ((PolicyChoice) o).intervalNanos == intervalNanos;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Long.hashCode(intervalNanos);
  }

  @Override
  public String toString() {
    return label();
  }
}
