package dev.gillab.gil.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Floats as CPython writes and reads them. {@code repr} (and {@code str}, the same since Python
 * 3.2) is the shortest decimal that reads back as the same double, in positional notation when the
 * decimal exponent is in [-4, 16) and with an exponent ({@code 1e+16}, {@code 1e-05}) otherwise; an
 * integral value keeps a {@code .0}. JDK 17's {@code Double.toString} is not always the shortest
 * (fixed only in JDK 19), so the digits come from {@link BigDecimal} rounding.
 */
final class Floats {
  private Floats() {}

  static String repr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(d);
    BigDecimal shortest = exact;
    for (int p = 1; p <= 17; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (r.doubleValue() == d) {
        shortest = r;
        break;
      }
    }
    String digits = shortest.unscaledValue().abs().toString();
    // Strip trailing zeros of the digit string (they carry no precision).
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    int decpt = digits.length() - shortest.scale(); // position of the point after digit 0
    digits = digits.substring(0, end);
    StringBuilder out = new StringBuilder();
    if (d < 0) {
      out.append('-');
    }
    if (decpt > -4 && decpt <= 16) {
      if (decpt <= 0) {
        out.append("0.").append("0".repeat(-decpt)).append(digits);
      } else if (decpt >= digits.length()) {
        out.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
      } else {
        out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
      }
    } else {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      int exp = decpt - 1;
      out.append(exp < 0 ? "e-" : "e+");
      int a = Math.abs(exp);
      if (a < 10) {
        out.append('0');
      }
      out.append(a);
    }
    return out.toString();
  }

  /** {@code float(s)}: decimal text, {@code inf}/{@code nan} with optional sign, underscores. */
  static double parse(String text) {
    String s = Strings.strip(text, null, true, true);
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    String body = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
    double sign = lower.startsWith("-") ? -1 : 1;
    if (body.equals("inf") || body.equals("infinity")) {
      return sign * Double.POSITIVE_INFINITY;
    }
    if (body.equals("nan")) {
      return Double.NaN;
    }
    if (!s.matches("[+-]?(\\d(_?\\d)*)?(\\.(\\d(_?\\d)*)?)?([eE][+-]?\\d(_?\\d)*)?")
        || !s.matches(".*\\d.*")
        || (s.matches("[+-]?\\..*") && s.matches("[+-]?\\.[eE].*"))) {
      throw new PyException("ValueError", "could not convert string to float: " + Repr.str(text));
    }
    try {
      return Double.parseDouble(s.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new PyException("ValueError", "could not convert string to float: " + Repr.str(text));
    }
  }
}
