package dev.gillab.gil.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A str is a sequence of code points, as in Python, though Java keeps it in UTF-16: length,
 * indexing, ordering and iteration go by code point, so a character outside the BMP counts once. A
 * str of BMP characters only (the usual case) takes the direct path.
 */
final class Strings {
  private Strings() {}

  static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /**
   * {@code s[i]}: the code point at index {@code i} (negative counts from the end). Outside the BMP
   * it walks the str to find it, which is charged to {@code ts}.
   */
  static String at(ThreadState ts, PyStr str, long i) {
    String s = str.value;
    int n = str.length();
    long at = i < 0 ? i + n : i;
    if (at < 0 || at >= n) {
      throw new PyException("IndexError", "string index out of range");
    }
    if (n != s.length()) {
      ts.chargeChars(at);
    }
    int offset = n == s.length() ? (int) at : s.offsetByCodePoints(0, (int) at);
    int cp = s.codePointAt(offset);
    return new String(Character.toChars(cp));
  }

  /**
   * Charges a search for {@code sub} in {@code s} at its worst case, every position of {@code s}
   * compared with every char of {@code sub} ({@code String.indexOf} is quadratic at worst).
   */
  static void chargeSearch(ThreadState ts, String s, String sub) {
    ts.chargeChars((long) s.length() * Math.max(1, sub.length()));
  }

  /** Compares by code point, not by UTF-16 unit (they differ above U+FFFF). */
  static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** Python's {@code str.isspace()} for one code point. */
  static boolean isSpace(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
  }

  /**
   * {@code strip}/{@code lstrip}/{@code rstrip}: whitespace, or any code point of {@code chars}.
   */
  static String strip(String s, @Nullable String chars, boolean left, boolean right) {
    int start = 0;
    int end = s.length();
    if (left) {
      while (start < end) {
        int c = s.codePointAt(start);
        if (!strips(c, chars)) {
          break;
        }
        start += Character.charCount(c);
      }
    }
    if (right) {
      while (end > start) {
        int c = s.codePointBefore(end);
        if (!strips(c, chars)) {
          break;
        }
        end -= Character.charCount(c);
      }
    }
    return s.substring(start, end);
  }

  private static boolean strips(int c, @Nullable String chars) {
    return chars == null ? isSpace(c) : chars.indexOf(new String(Character.toChars(c))) >= 0;
  }

  /** {@code s.split(sep, maxsplit)}; {@code sep} null splits on runs of whitespace. */
  static List<String> split(String s, @Nullable String sep, long maxsplit) {
    List<String> out = new ArrayList<>();
    long max = maxsplit < 0 ? Long.MAX_VALUE : maxsplit;
    if (sep == null) {
      int i = 0;
      int n = s.length();
      while (true) {
        while (i < n && isSpace(s.codePointAt(i))) {
          i += Character.charCount(s.codePointAt(i));
        }
        if (i >= n) {
          return out;
        }
        if (out.size() >= max) {
          out.add(s.substring(i)); // CPython keeps the remainder's trailing whitespace
          return out;
        }
        int j = i;
        while (j < n && !isSpace(s.codePointAt(j))) {
          j += Character.charCount(s.codePointAt(j));
        }
        out.add(s.substring(i, j));
        i = j;
      }
    }
    if (sep.isEmpty()) {
      throw new PyException("ValueError", "empty separator");
    }
    int i = 0;
    while (out.size() < max) {
      int j = s.indexOf(sep, i);
      if (j < 0) {
        break;
      }
      out.add(s.substring(i, j));
      i = j + sep.length();
    }
    out.add(s.substring(i));
    return out;
  }

  /** {@code s.count(sub)}: non-overlapping occurrences; an empty {@code sub} counts len+1. */
  static long count(String s, String sub) {
    return count(s, sub, Long.MAX_VALUE);
  }

  /** As {@link #count(String, String)}, but no more than {@code max}. */
  static long count(String s, String sub, long max) {
    if (sub.isEmpty()) {
      return Math.min(max, length(s) + 1L);
    }
    long n = 0;
    for (int i = s.indexOf(sub); i >= 0 && n < max; i = s.indexOf(sub, i + sub.length())) {
      n++;
    }
    return n;
  }

  /**
   * The UTF-16 length of {@code s.replace(old, rep, count)}, counted before it is built so that a
   * result over the limits is refused without being made.
   */
  static long replacedLength(String s, String old, String rep, long count) {
    long n = count(s, old, count < 0 ? Long.MAX_VALUE : count);
    return s.length() + n * ((long) rep.length() - old.length());
  }

  /** {@code s.find(sub)} as a code point index, -1 if absent. */
  static long find(String s, String sub) {
    int at = s.indexOf(sub);
    return at < 0 ? -1 : s.codePointCount(0, at);
  }

  /** {@code s.replace(old, new, count)}; an empty {@code old} inserts between code points. */
  static String replace(String s, String old, String rep, long count) {
    long max = count < 0 ? Long.MAX_VALUE : count;
    StringBuilder out = new StringBuilder();
    if (old.isEmpty()) {
      long done = 0;
      int i = 0;
      while (true) {
        if (done < max) {
          out.append(rep);
          done++;
        }
        if (i >= s.length()) {
          return out.toString();
        }
        int c = s.codePointAt(i);
        out.appendCodePoint(c);
        i += Character.charCount(c);
      }
    }
    int i = 0;
    long done = 0;
    while (done < max) {
      int j = s.indexOf(old, i);
      if (j < 0) {
        break;
      }
      out.append(s, i, j).append(rep);
      i = j + old.length();
      done++;
    }
    return out.append(s, i, s.length()).toString();
  }

  /** Python's {@code str.isdigit()}: non-empty, every code point a digit. */
  // Superscripts and circled digits are digits to Python: their numeric value says which.
  @SuppressWarnings("CharacterGetNumericValue")
  static boolean isDigit(String s) {
    if (s.isEmpty()) {
      return false;
    }
    return s.codePoints()
        .allMatch(
            c ->
                Character.isDigit(c)
                    || (Character.getType(c) == Character.OTHER_NUMBER
                        && Character.getNumericValue(c) >= 0
                        && Character.getNumericValue(c) <= 9));
  }
}
