package dev.gillab.gil.internal;

import java.util.Locale;

/**
 * Makes user input safe to echo in a one-line message: control characters (a terminal escape
 * sequence included) are shown escaped, as Python's repr shows them, and anything past {@value
 * #MAX_CHARS} characters is cut, so a hostile name can neither repaint the terminal nor make a
 * megabyte-long line. Stateless.
 */
public final class Echo {
  /** The most characters of input a message repeats. */
  public static final int MAX_CHARS = 200;

  private Echo() {}

  /** {@code text} with control characters escaped, cut to {@link #MAX_CHARS} characters. */
  public static String of(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 8);
    int shown = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (shown >= MAX_CHARS) {
        return out.append("...").toString();
      }
      if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
        out.append(
            c < 0x100
                ? String.format(Locale.ROOT, "\\x%02x", c)
                : String.format(Locale.ROOT, "\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
      shown++;
      i += Character.charCount(c);
    }
    return out.toString();
  }
}
