package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.Immutable;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.SwitchingPolicy;
import dev.gillab.refcount.CountStrategy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A switching policy as the user names it ({@code interval}, {@code ticks} or {@code ticks(n)},
 * {@code io-priority}, {@code none}) with the switch interval, and how to give it to an
 * interpreter.
 *
 * <p>This is the one place where workloads learns which policies exist and how each is made: {@link
 * #configure} sets the policy on an interpreter's builder and, for a policy that has one ({@code
 * interval}, {@code io-priority}), the switch interval, per interpreter, as {@code
 * sys.setswitchinterval} does. Under {@code none} it also makes the counts safe ({@code ATOMIC})
 * unless the caller chooses others. Immutable.
 */
@Immutable
public final class PolicyChoice {
  /** The policy names the command accepts, in the order tables list them. */
  public static final List<String> NAMES = List.of("interval", "ticks", "io-priority", "none");

  private static final Pattern TICKS = Pattern.compile("ticks\\((\\d{1,9})\\)");

  private final String name;
  private final long intervalNanos;
  private final int ticks;

  private PolicyChoice(String name, long intervalNanos, int ticks) {
    this.name = name;
    this.intervalNanos = intervalNanos;
    this.ticks = ticks;
  }

  /**
   * {@code interval} with {@code interval} as its switch interval.
   *
   * @param interval the switch interval; must be positive
   * @return the {@code interval} policy with that switch interval
   * @throws IllegalArgumentException if {@code interval} is zero or negative
   */
  public static PolicyChoice interval(Duration interval) {
    return of("interval", interval);
  }

  /** {@return the default: {@code interval} with CPython's 5 ms} */
  public static PolicyChoice defaultPolicy() {
    return interval(SwitchingPolicy.DEFAULT_INTERVAL);
  }

  /**
   * The policy called {@code name}: {@code interval}, {@code ticks} (every 100 instructions) or
   * {@code ticks(n)}, {@code io-priority} ({@code ioPriority} and {@code io_priority} too), {@code
   * none}. The interval is kept for the policies that have one.
   *
   * @param name the policy's name, in any case, with {@code _} or {@code -} between words
   * @param interval the switch interval of {@code interval} and {@code io-priority}; must be
   *     positive even for a policy that does not use it
   * @return the choice, named by its canonical name ({@link #name()})
   * @throws IllegalArgumentException for a name that is no policy, a tick count below 1, or a
   *     non-positive interval
   */
  public static PolicyChoice of(String name, Duration interval) {
    checkNotNull(name, "name");
    checkNotNull(interval, "interval");
    checkArgument(
        !interval.isNegative() && !interval.isZero(),
        "the switch interval must be positive, was %s",
        interval);
    String key = name.toLowerCase(Locale.ROOT).replace('_', '-');
    if (key.equals("iopriority")) {
      key = "io-priority";
    }
    int ticks = SwitchingPolicy.DEFAULT_TICKS;
    Matcher m = TICKS.matcher(key);
    if (m.matches()) {
      ticks = Integer.parseInt(m.group(1));
      checkArgument(ticks >= 1, "ticks(n) needs n of at least 1, was %s", ticks);
      key = "ticks";
    }
    checkArgument(
        NAMES.contains(key),
        "unknown policy '%s'; known: interval, ticks, ticks(n), io-priority, none",
        name);
    return new PolicyChoice(key, interval.toNanos(), ticks);
  }

  /**
   * The same policy with another switch interval.
   *
   * @param interval the new switch interval; must be positive
   * @return a choice with this one's name and tick count, and {@code interval}
   * @throws IllegalArgumentException if {@code interval} is zero or negative
   */
  public PolicyChoice withInterval(Duration interval) {
    return of(spec(), interval);
  }

  /**
   * {@return the canonical name: {@code interval}, {@code ticks}, {@code io-priority} or {@code
   * none}}
   */
  public String name() {
    return name;
  }

  /** {@return the name {@link #of} reads back: {@link #name()}, or {@code ticks(n)}} */
  public String spec() {
    return name.equals("ticks") ? "ticks(" + ticks + ")" : name;
  }

  /**
   * {@return the switch interval given, kept whatever the policy; only {@code interval} and {@code
   * io-priority} use it}
   */
  public Duration interval() {
    return Duration.ofNanos(intervalNanos);
  }

  /** {@return whether this is {@code none}: no GIL at all} */
  public boolean isFreeThreaded() {
    return name.equals("none");
  }

  /** {@return whether the policy has a switch interval ({@code interval}, {@code io-priority})} */
  public boolean hasSwitchInterval() {
    return create().hasSwitchInterval();
  }

  /**
   * {@return the policy object for an interpreter's builder, with this choice's switch interval or
   * tick count where it has one}
   */
  public SwitchingPolicy create() {
    return switch (name) {
      case "ticks" -> SwitchingPolicy.ticks(ticks);
      case "io-priority" -> SwitchingPolicy.ioPriority(interval());
      case "none" -> SwitchingPolicy.none();
      default -> SwitchingPolicy.interval(interval());
    };
  }

  /**
   * Sets this policy on {@code b}, its switch interval where it has one, and under {@code none}
   * {@code ATOMIC} counts (a later {@code countStrategy} call overrides them).
   *
   * @param b the builder to configure
   * @return {@code b}, for chaining
   */
  @CanIgnoreReturnValue
  public Interpreter.Builder configure(Interpreter.Builder b) {
    SwitchingPolicy p = create();
    b.policy(p);
    if (p.hasSwitchInterval()) {
      b.switchInterval(interval());
    }
    if (isFreeThreaded()) {
      b.countStrategy(CountStrategy.ATOMIC);
    }
    return b;
  }

  /**
   * {@return what tables show: the policy's own name, e.g. {@code interval(5ms)}, {@code
   * ticks(100)}}
   */
  public String label() {
    return create().name();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyChoice policyChoice
        && policyChoice.name.equals(name)
        && policyChoice.intervalNanos == intervalNanos
        && policyChoice.ticks == ticks;
  }

  @Override
  public int hashCode() {
    return (name.hashCode() * 31 + Long.hashCode(intervalNanos)) * 31 + ticks;
  }

  @Override
  public String toString() {
    return label();
  }
}
