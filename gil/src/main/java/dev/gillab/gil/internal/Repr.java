package dev.gillab.gil.internal;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Python's {@code repr} of a str and of a float, as CPython 3.11 prints them: one home for the
 * rules, used by the runtime ({@code repr}, {@code print}) and by {@code Dis}.
 *
 * <p>A str is quoted with single quotes unless it holds a single quote and no double one; the
 * backslash, the quote and {@code \n \r \t} are escaped, other non-printable code points become
 * {@code \xhh}, {@code \}{@code uXXXX} or {@code \}{@code UXXXXXXXX}; printable ones (any script)
 * stay as they are. A float is the shortest decimal that reads back as the same double, in fixed
 * notation when its decimal exponent is from -4 to 15, else as {@code 1e+16}. Stateless.
 */
public final class Repr {
  private Repr() {}

  /** {@code repr(s)} for a str. */
  public static String str(String s) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder(s.length() + 2).append(q);
    s.codePoints()
        .forEach(
            c -> {
              if (c == q || c == '\\') {
                out.append('\\').appendCodePoint(c);
              } else if (c == '\n') {
                out.append("\\n");
              } else if (c == '\r') {
                out.append("\\r");
              } else if (c == '\t') {
                out.append("\\t");
              } else if (isPrintable(c)) {
                out.appendCodePoint(c);
              } else if (c < 0x100) {
                out.append(String.format(Locale.ROOT, "\\x%02x", c));
              } else if (c < 0x10000) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
              } else {
                out.append(String.format(Locale.ROOT, "\\U%08x", c));
              }
            });
    return out.append(q).toString();
  }

  /**
   * Python's {@code str.isprintable} for one code point: not a control, format, surrogate,
   * private-use or unassigned code point, nor a separator other than the ASCII space.
   */
  public static boolean isPrintable(int c) {
    if (c == ' ') {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.SPACE_SEPARATOR,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          false;
      default -> true;
    };
  }

  /** {@code repr(x)} (and {@code str(x)}) for a float. */
  public static String floatRepr(double x) {
    if (Double.isNaN(x)) {
      return "nan";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    if (x == 0) {
      return (1 / x < 0) ? "-0.0" : "0.0";
    }
    String sign = x < 0 ? "-" : "";
    BigDecimal shortest = shortest(Math.abs(x));
    String digits = shortest.unscaledValue().toString();
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    int exponent = digits.length() - shortest.scale(); // value = 0.<digits> * 10^exponent
    digits = digits.substring(0, end);
    if (exponent > 16 || exponent < -3) {
      int e = exponent - 1;
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return sign
          + mantissa
          + "e"
          + (e < 0 ? "-" : "+")
          + (Math.abs(e) < 10 ? "0" : "")
          + Math.abs(e);
    }
    if (exponent <= 0) {
      return sign + "0." + "0".repeat(-exponent) + digits;
    }
    if (exponent >= digits.length()) {
      return sign + digits + "0".repeat(exponent - digits.length()) + ".0";
    }
    return sign + digits.substring(0, exponent) + "." + digits.substring(exponent);
  }

  /** The decimal with the fewest significant digits that reads back as {@code x} (x > 0). */
  private static BigDecimal shortest(double x) {
    for (int precision = 1; precision < 17; precision++) {
      String candidate = String.format(Locale.ROOT, "%." + (precision - 1) + "e", x);
      if (Double.parseDouble(candidate) == x) {
        return new BigDecimal(candidate);
      }
    }
    return new BigDecimal(String.format(Locale.ROOT, "%.16e", x));
  }
}
