package dev.gillab.workloads.report;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A small markup writer that cannot be tricked into markup: text and attribute values are always
 * escaped, element and attribute names must be plain names, and every element is closed in order (a
 * mismatch is a bug and throws). SVG elements without children are written self-closing ({@link
 * #empty}), which HTML5 allows inside {@code <svg>}. Not thread-safe: one page, one thread.
 */
final class Html {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9:-]*");

  private final StringBuilder out = new StringBuilder(64 * 1024);
  private final Deque<String> open = new ArrayDeque<>();

  /** {@code s} with {@code & < > " '} replaced by character references. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A number for a coordinate: at most 2 decimals, no exponent, a dot whatever the locale. */
  static String num(double v) {
    checkArgument(Double.isFinite(v), "not a finite coordinate: %s", v);
    String s = String.format(Locale.ROOT, "%.2f", v);
    if (s.contains(".")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s.equals("-0") ? "0" : s;
  }

  Html doctype() {
    checkState(out.length() == 0, "the doctype comes first");
    out.append("<!DOCTYPE html>\n");
    return this;
  }

  /** Opens {@code tag} with {@code attrs} given as name, value, name, value, ... */
  Html open(String tag, String... attrs) {
    start(tag, attrs);
    out.append('>');
    open.push(tag);
    return this;
  }

  /** Closes {@code tag}, which must be the innermost open element. */
  Html close(String tag) {
    checkState(
        !open.isEmpty() && open.peek().equals(tag),
        "closing <%s> but the innermost open element is <%s>",
        tag,
        open.peek());
    open.pop();
    out.append("</").append(tag).append('>');
    return this;
  }

  /** An element with text only. */
  Html element(String tag, String text, String... attrs) {
    return open(tag, attrs).text(text).close(tag);
  }

  /** A self-closing (SVG) element, or an HTML void element such as {@code meta}. */
  Html empty(String tag, String... attrs) {
    start(tag, attrs);
    out.append("/>");
    return this;
  }

  Html text(String text) {
    out.append(escape(text));
    return this;
  }

  Html newline() {
    out.append('\n');
    return this;
  }

  /**
   * A style sheet: CSS is raw text in HTML, so only our own constant sheet may go here; it must not
   * be able to end the element.
   */
  Html style(String css) {
    checkArgument(!css.toLowerCase(Locale.ROOT).contains("</"), "a style sheet cannot hold '</'");
    out.append("<style>").append(css).append("</style>");
    return this;
  }

  @Override
  public String toString() {
    checkState(open.isEmpty(), "elements left open: %s", open);
    return out.toString();
  }

  private void start(String tag, String... attrs) {
    checkArgument(NAME.matcher(tag).matches(), "not an element name: %s", tag);
    checkArgument(attrs.length % 2 == 0, "attributes come in name, value pairs");
    out.append('<').append(tag);
    for (int i = 0; i < attrs.length; i += 2) {
      checkArgument(NAME.matcher(attrs[i]).matches(), "not an attribute name: %s", attrs[i]);
      out.append(' ').append(attrs[i]).append("=\"").append(escape(attrs[i + 1])).append('"');
    }
  }
}
