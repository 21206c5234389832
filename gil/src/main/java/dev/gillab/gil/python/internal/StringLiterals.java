package dev.gillab.gil.python.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decodes one string token: its prefix, its escapes (CPython's {@code unicode_escape} rules and
 * error wording) and, for an f-string, its split into literal text and replacement fields (CPython
 * 3.11's {@code fstring_find_literal} and {@code fstring_find_expr}). The fields' expressions are
 * returned as source text; the parser parses them. Errors point where CPython's do: just past the
 * end of the token.
 */
final class StringLiterals {
  /** A replacement field: its expression's text and line, {@code !r} and {@code =} debugging. */
  record Field(String expression, int line, char conversion, String debugText) {}

  /** A decoded token: {@code parts} are Strings and, in an f-string, {@link Field}s. */
  record Decoded(boolean bytes, boolean fstring, List<Object> parts) {}

  private final Token token;
  private final String body;
  private final String prefix;
  private final boolean raw;
  private final int bodyOffset;

  private StringLiterals(Token token) {
    this.token = token;
    String text = token.text();
    int quote = 0;
    while (text.charAt(quote) != '"' && text.charAt(quote) != '\'') {
      quote++;
    }
    this.prefix = text.substring(0, quote).toLowerCase(Locale.ROOT);
    this.raw = prefix.contains("r");
    int q = text.startsWith("\"\"\"", quote) || text.startsWith("'''", quote) ? 3 : 1;
    this.bodyOffset = quote + q;
    this.body = text.substring(quote + q, text.length() - q);
  }

  static Decoded decode(Token token) {
    StringLiterals s = new StringLiterals(token);
    if (s.prefix.contains("f")) {
      return new Decoded(false, true, s.fstring());
    }
    List<Object> parts = new ArrayList<>();
    parts.add(s.raw ? s.body : s.unescape(0, s.body.length()));
    return new Decoded(s.prefix.contains("b"), false, parts);
  }

  private CompileError error(String detail) {
    return CompileError.syntax(detail, token.endLine(), token.endCol() + 1);
  }

  private List<Object> fstring() {
    List<Object> parts = new ArrayList<>();
    int i = 0;
    int n = body.length();
    StringBuilder literal = new StringBuilder();
    while (i < n) {
      int start = i;
      while (i < n) {
        char c = body.charAt(i);
        if (!raw && c == '\\' && i + 1 < n) {
          if (body.charAt(i + 1) == 'N' && i + 2 < n && body.charAt(i + 2) == '{') {
            int close = body.indexOf('}', i);
            i = close < 0 ? n : close + 1;
          } else {
            // A backslash before a brace leaves the brace to mean what it means.
            i += body.charAt(i + 1) == '{' || body.charAt(i + 1) == '}' ? 1 : 2;
          }
          continue;
        }
        if (c == '{' || c == '}') {
          if (i + 1 < n && body.charAt(i + 1) == c) {
            literal.append(decodeLiteral(start, i + 1));
            i += 2;
            start = i;
            continue;
          }
          if (c == '}') {
            throw error("f-string: single '}' is not allowed");
          }
          break;
        }
        i++;
      }
      literal.append(decodeLiteral(start, Math.min(i, n)));
      if (i >= n) {
        break;
      }
      if (literal.length() > 0) {
        parts.add(literal.toString());
        literal.setLength(0);
      }
      i = field(i + 1, parts);
    }
    if (literal.length() > 0) {
      parts.add(literal.toString());
    }
    return parts;
  }

  private String decodeLiteral(int from, int to) {
    return raw ? body.substring(from, to) : unescape(from, to);
  }

  /** Scans the field whose expression starts at {@code start}; returns the index after it. */
  private int field(int start, List<Object> parts) {
    int n = body.length();
    int i = start;
    char quote = 0;
    int quoteLength = 0;
    StringBuilder brackets = new StringBuilder();
    for (; i < n; i++) {
      char c = body.charAt(i);
      if (c == '\\') {
        throw error("f-string expression part cannot include a backslash");
      }
      if (quote != 0) {
        if (c == quote
            && (quoteLength == 1 || body.startsWith(String.valueOf(new char[] {c, c, c}), i))) {
          i += quoteLength - 1;
          quote = 0;
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
        quoteLength = body.startsWith(String.valueOf(new char[] {c, c, c}), i) ? 3 : 1;
        i += quoteLength - 1;
      } else if (c == '[' || c == '(' || c == '{') {
        if (brackets.length() >= 200) {
          throw error("f-string: too many nested parenthesis");
        }
        brackets.append(c);
      } else if (c == '#') {
        throw error("f-string expression part cannot include '#'");
      } else if (brackets.length() == 0 && c == '}') {
        break;
      } else if (c == ']' || c == ')' || c == '}') {
        if (brackets.length() == 0) {
          throw error("f-string: unmatched '" + c + "'");
        }
        char open = brackets.charAt(brackets.length() - 1);
        brackets.setLength(brackets.length() - 1);
        if ("([{".indexOf(open) != ")]}".indexOf(c)) {
          throw error(
              "f-string: closing parenthesis '"
                  + c
                  + "' does not match opening parenthesis '"
                  + open
                  + "'");
        }
      } else if (brackets.length() == 0 && "!:=<>".indexOf(c) >= 0) {
        if (i + 1 < n && body.charAt(i + 1) == '=' && c != ':') {
          i++;
          continue;
        }
        if (c == '<' || c == '>') {
          continue;
        }
        break;
      }
    }
    if (quote != 0) {
      throw error("f-string: unterminated string");
    }
    if (brackets.length() > 0) {
      throw error("f-string: unmatched '" + brackets.charAt(brackets.length() - 1) + "'");
    }
    if (i >= n) {
      throw error("f-string: expecting '}'");
    }
    String expression = body.substring(start, i);
    if (expression.isBlank()) {
      throw error("f-string: empty expression not allowed");
    }
    String debugText = null;
    if (body.charAt(i) == '=') {
      i++;
      while (i < n && Character.isWhitespace(body.charAt(i))) {
        i++;
      }
      debugText = body.substring(start, i);
    }
    char conversion = 0;
    if (i < n && body.charAt(i) == '!') {
      i++;
      if (i >= n) {
        throw error("f-string: expecting '}'");
      }
      conversion = body.charAt(i++);
      if (conversion != 's' && conversion != 'r' && conversion != 'a') {
        throw error("f-string: invalid conversion character: expected 's', 'r', or 'a'");
      }
    }
    if (i < n && body.charAt(i) == ':') {
      if (i + 1 < n && body.charAt(i + 1) == '}') {
        i++;
      } else {
        throw CompileError.unsupported("format specs in f-strings", token.line(), token.col() + 1);
      }
    }
    if (i >= n || body.charAt(i) != '}') {
      throw error("f-string: expecting '}'");
    }
    if (conversion == 'a') {
      throw CompileError.unsupported("the !a conversion", token.line(), token.col() + 1);
    }
    if (debugText != null) {
      parts.add(debugText);
      if (conversion == 0) {
        conversion = 'r';
      }
    }
    int line = token.line() + count(token.text().substring(0, bodyOffset + start), '\n');
    parts.add(new Field(expression, line, conversion, debugText));
    return i + 1;
  }

  private static int count(String s, char c) {
    return (int) s.chars().filter(ch -> ch == c).count();
  }

  /** CPython's unicode_escape decoding of {@code body[from, to)}. */
  private String unescape(int from, int to) {
    StringBuilder out = new StringBuilder();
    int i = from;
    while (i < to) {
      char c = body.charAt(i);
      if (c != '\\' || i + 1 >= to) {
        out.append(c);
        i++;
        continue;
      }
      int escape = i;
      char e = body.charAt(i + 1);
      i += 2;
      switch (e) {
        case '\n' -> {
          // a backslash at the end of a line joins it to the next
        }
        case '\\', '\'', '"' -> out.append(e);
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000b');
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          int value = e - '0';
          for (int k = 0; k < 2 && i < to && body.charAt(i) >= '0' && body.charAt(i) <= '7'; k++) {
            value = value * 8 + body.charAt(i++) - '0';
          }
          out.appendCodePoint(value);
        }
        case 'x' -> i = hex(out, escape, i, to, 2, "truncated \\xXX escape");
        case 'u' -> i = hex(out, escape, i, to, 4, "truncated \\uXXXX escape");
        case 'U' -> i = hex(out, escape, i, to, 8, "truncated \\UXXXXXXXX escape");
        case 'N' -> i = named(out, escape, i, to);
        default -> out.append('\\').append(e);
      }
    }
    return out.toString();
  }

  private int hex(StringBuilder out, int escape, int i, int to, int digits, String truncated) {
    int value = 0;
    for (int k = 0; k < digits; k++) {
      int d = i < to ? Character.digit(body.charAt(i), 16) : -1;
      if (d < 0 || body.charAt(i) > 127) {
        throw unicodeError(escape, i, truncated);
      }
      value = value * 16 + d;
      i++;
    }
    if (value < 0 || value > Character.MAX_CODE_POINT) {
      throw unicodeError(escape, i, "illegal Unicode character");
    }
    out.appendCodePoint(value);
    return i;
  }

  private int named(StringBuilder out, int escape, int i, int to) {
    String malformed = "malformed \\N character escape";
    if (i >= to || body.charAt(i) != '{') {
      throw unicodeError(escape, i, malformed);
    }
    int close = body.indexOf('}', i);
    if (close < 0 || close >= to) {
      throw unicodeError(escape, to, malformed);
    }
    if (close == i + 1) {
      throw unicodeError(escape, close, malformed);
    }
    try {
      out.appendCodePoint(Character.codePointOf(body.substring(i + 1, close)));
    } catch (IllegalArgumentException e) {
      throw unicodeError(escape, close + 1, "unknown Unicode character name");
    }
    return close + 1;
  }

  /** Positions in the message are UTF-8 byte offsets into the token's body, as CPython's. */
  private CompileError unicodeError(int start, int end, String reason) {
    int from = utf8Length(body.substring(0, start));
    int to = utf8Length(body.substring(0, end)) - 1;
    return error(
        "(unicode error) 'unicodeescape' codec can't decode bytes in position "
            + from
            + "-"
            + to
            + ": "
            + reason);
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
