package dev.gillab.gil;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes in bytes as a command line writes them: a whole number and an optional binary unit, {@code
 * k}, {@code m}, {@code g} or {@code t}, each also as {@code KB}/{@code KiB} and so on, in any case
 * ({@code 512m}, {@code 64MiB}, {@code 1g}, {@code 4096}). Every unit is a power of 1024, as the
 * JVM's {@code -Xmx} reads them. Stateless.
 */
public final class ByteSizes {
  private static final Pattern SIZE = Pattern.compile("([0-9]{1,19})\\s*(?:([kmgt])(?:i?b)?|b)?");
  private static final String EXAMPLES = "a size such as 512m, 64MiB or 1g";

  private ByteSizes() {}

  /**
   * The bytes {@code text} stands for.
   *
   * @param text a size such as {@code 512m}; surrounding whitespace is ignored
   * @return the size in bytes, at least 0
   * @throws IllegalArgumentException if it is not a size or does not fit a long
   */
  public static long parse(String text) {
    checkNotNull(text, "text");
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(EXAMPLES + ", was '" + text + "'");
    }
    int shift = m.group(2) == null ? 0 : 10 * ("kmgt".indexOf(m.group(2)) + 1);
    try {
      long n = Long.parseLong(m.group(1));
      if (n > Long.MAX_VALUE >> shift) {
        throw new NumberFormatException();
      }
      return n << shift;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(EXAMPLES + " that fits in 63 bits, was '" + text + "'");
    }
  }

  /**
   * The value of a {@code --max-memory} option: a size of at least {@link
   * Interpreter#MIN_MAX_MEMORY}.
   *
   * @param option the option's name, for the error message (e.g. {@code --max-memory})
   * @param text the option's value, a size as {@link #parse(String)} reads it
   * @return the size in bytes
   * @throws IllegalArgumentException naming {@code option} and what is wrong with {@code text}
   */
  public static long maxMemory(String option, String text) {
    long bytes;
    try {
      bytes = parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " must be " + e.getMessage(), e);
    }
    if (bytes < Interpreter.MIN_MAX_MEMORY) {
      throw new IllegalArgumentException(
          option + " must be at least 1m (" + Interpreter.MIN_MAX_MEMORY + " bytes), was " + text);
    }
    return bytes;
  }
}
