package dev.gillab.workloads;

import dev.gillab.gil.UserInput;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the command's durations: {@code 5ms}, {@code 500us}, {@code 0.5ms}, {@code 1s}, {@code 5}.
 * A duration is at least {@link #MIN}: the GIL's switch interval is timed in nanoseconds, but below
 * a microsecond it is the clock's and the scheduler's noise, not a setting; and a value is taken
 * exactly or refused, never rounded ({@code 0.1ns} is refused, not read as 1 ns).
 */
final class Durations {
  /** The shortest duration any option takes. */
  static final Duration MIN = Duration.ofNanos(1_000);

  private static final Pattern TIME = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s)?");

  private Durations() {}

  /**
   * @throws IllegalArgumentException naming the text, if it is no positive duration
   */
  static Duration parse(String text) {
    return parse(text, "ms", Duration.ofSeconds(60), "the switch interval");
  }

  /**
   * {@code text} as a duration, a bare number in {@code bareUnit}; {@code what} names it in the
   * message when it is not at least {@link #MIN} and at most {@code max}.
   *
   * @throws IllegalArgumentException naming the text, if it is no such duration
   */
  static Duration parse(String text, String bareUnit, Duration max, String what) {
    Matcher m = TIME.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + UserInput.echo(text) + "' is not a duration; write e.g. 5ms, 500us, 0.5ms or 1s");
    }
    String unit = m.group(2) == null ? bareUnit : m.group(2);
    long perUnit =
        switch (unit) {
          case "ns" -> 1L;
          case "us", "µs" -> 1_000L;
          case "ms" -> 1_000_000L;
          default -> 1_000_000_000L;
        };
    BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(perUnit));
    if (nanos.compareTo(BigDecimal.valueOf(MIN.toNanos())) < 0
        || nanos.compareTo(BigDecimal.valueOf(max.toNanos())) > 0) {
      throw new IllegalArgumentException(
          what
              + " must be at least 1 us and at most "
              + max.toSeconds()
              + " s, was '"
              + UserInput.echo(text)
              + "'");
    }
    if (nanos.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException(
          "'" + UserInput.echo(text) + "' is not a whole number of nanoseconds");
    }
    return Duration.ofNanos(nanos.longValueExact());
  }
}
