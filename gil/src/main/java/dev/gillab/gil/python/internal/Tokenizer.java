package dev.gillab.gil.python.internal;

import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns source text into tokens by CPython 3.11's rules (Parser/tokenizer.c, re-written from its
 * behaviour): INDENT and DEDENT from an indentation stack (tabs to multiples of 8, checked against
 * a tab size of 1 for TabError), no NEWLINE inside brackets or after a backslash, blank and
 * comment-only lines ignored, and CPython's wording and offsets for every error it reports.
 *
 * <p>The whole source is tokenized before parsing. A tokenizer error ends the tokens with an {@link
 * Token.Kind#ERROR} token and is kept ({@link #error()}): the parser raises it when it reaches that
 * token, as CPython's parser does when it asks for the token, and also in place of a plain "invalid
 * syntax" found earlier, as CPython does by tokenizing the rest of the file before it reports one.
 * Brackets still open at the end are not a tokenizer error in CPython but the parser's ("'(' was
 * never closed", when it runs into the end): {@link #unclosed()}. Not thread-safe; one use.
 */
final class Tokenizer {
  /** CPython's MAXINDENT and MAXLEVEL. */
  private static final int MAX_INDENT = 100;

  private static final int MAX_PARENS = 200;
  private static final Set<String> PREFIXES = Set.of("r", "u", "f", "b", "br", "rb", "fr", "rf");
  private static final String[] OPERATORS = {
    "**=", "//=", ">>=", "<<=", "...", "!=", "==", "<=", ">=", "->", "**", "//", "<<", ">>", "+=",
    "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", ":=", "(", ")", "[", "]", "{", "}", ":", ",",
    ";", "+", "-", "*", "/", "|", "&", "<", ">", "=", ".", "%", "~", "^", "@"
  };

  private final String src;
  private final int n;
  private final int firstLine;
  private final List<Token> out = new ArrayList<>();
  private final Deque<int[]> parens = new ArrayDeque<>();
  private final int[] indents = new int[MAX_INDENT + 1];
  private final int[] altIndents = new int[MAX_INDENT + 1];
  private int depth;
  private int numberStart;
  private int cur;
  private int line;
  private int lineStart;
  private int commentCol = -1;
  private boolean lineHasTokens;
  private CompileError error;
  private boolean unclosed;

  /** Tokenizes {@code source} (newlines already normalized to {@code \n}). */
  Tokenizer(String source, int firstLine) {
    this.src = source;
    this.n = source.length();
    this.firstLine = firstLine;
    this.line = firstLine;
  }

  /** The tokens, the last of them END or ERROR. */
  List<Token> tokenize() {
    try {
      scan();
    } catch (CompileError e) {
      error = e;
      out.add(new Token(Token.Kind.ERROR, "", line, cur - lineStart, line, cur - lineStart, 0));
    }
    return out;
  }

  /** The tokenizer's error, if the tokens end in ERROR. */
  CompileError error() {
    return error;
  }

  /** Whether the ERROR token only means "a bracket was never closed". */
  boolean unclosed() {
    return unclosed;
  }

  private void scan() {
    boolean atBol = true;
    while (true) {
      if (atBol && parens.isEmpty()) {
        if (indentation()) {
          continue;
        }
      }
      atBol = false;
      skipBlanks();
      if (cur >= n) {
        finish();
        return;
      }
      char c = src.charAt(cur);
      if (c == '#') {
        commentCol = cur - lineStart;
        while (cur < n && src.charAt(cur) != '\n') {
          cur++;
        }
      } else if (c == '\n') {
        if (parens.isEmpty() && lineHasTokens) {
          add(Token.Kind.NEWLINE, "\n", line, commentCol >= 0 ? commentCol : cur - lineStart);
          lineHasTokens = false;
          atBol = true;
        }
        newline(cur + 1);
      } else if (c == '\\') {
        continuation();
      } else {
        token(c);
      }
    }
  }

  /** Handles a line's indentation; true if the line is blank and was skipped whole. */
  private boolean indentation() {
    int col = 0;
    int alt = 0;
    int p = cur;
    while (p < n) {
      char c = src.charAt(p);
      if (c == ' ') {
        col++;
        alt++;
      } else if (c == '\t') {
        col = (col / 8 + 1) * 8;
        alt++;
      } else if (c == '\f') {
        col = 0;
        alt = 0;
      } else {
        break;
      }
      p++;
    }
    if (p >= n) {
      cur = p;
      return false;
    }
    char c = src.charAt(p);
    if (c == '#' || c == '\n') {
      while (p < n && src.charAt(p) != '\n') {
        p++;
      }
      if (p < n) {
        newline(p + 1);
      } else {
        cur = n;
      }
      return true;
    }
    cur = p;
    int indentChars = p - lineStart;
    if (col == indents[depth]) {
      if (alt != altIndents[depth]) {
        throw tabError();
      }
    } else if (col > indents[depth]) {
      if (depth + 1 >= MAX_INDENT) {
        throw new CompileError(CompileError.INDENTATION, "too many levels of indentation", line, 1);
      }
      if (alt <= altIndents[depth]) {
        throw tabError();
      }
      depth++;
      indents[depth] = col;
      altIndents[depth] = alt;
      // CPython's "unexpected indent" points at the last character of the indentation.
      add(Token.Kind.INDENT, "", line, indentChars - 1);
    } else {
      while (depth > 0 && col < indents[depth]) {
        depth--;
        add(Token.Kind.DEDENT, "", line, indentChars);
      }
      if (col != indents[depth]) {
        throw new CompileError(
            CompileError.INDENTATION,
            "unindent does not match any outer indentation level",
            line,
            lineEnd(lineStart) - lineStart + 1);
      }
      if (alt != altIndents[depth]) {
        throw tabError();
      }
    }
    return false;
  }

  private CompileError tabError() {
    return new CompileError(
        CompileError.TAB, "inconsistent use of tabs and spaces in indentation", line, 1);
  }

  private void finish() {
    if (!parens.isEmpty()) {
      int[] open = parens.peek();
      unclosed = true;
      throw CompileError.syntax("'" + (char) open[0] + "' was never closed", open[1], open[2] + 1);
    }
    if (lineHasTokens) {
      add(Token.Kind.NEWLINE, "", line, commentCol >= 0 ? commentCol : cur - lineStart);
    }
    // CPython places the end of input on the last line that has text, after that text.
    int endLine = line;
    int endStart = lineStart;
    if (n > 0 && src.charAt(n - 1) == '\n' && line > firstLine) {
      endLine = line - 1;
      endStart = src.lastIndexOf('\n', n - 2) + 1;
    }
    int endCol = n - endStart - (n > 0 && src.charAt(n - 1) == '\n' ? 1 : 0);
    for (; depth > 0; depth--) {
      add(Token.Kind.DEDENT, "", endLine, endCol);
    }
    out.add(new Token(Token.Kind.END, "", endLine, endCol, endLine, endCol, 0));
  }

  private void continuation() {
    int at = cur;
    cur++;
    if (cur >= n || (src.charAt(cur) == '\n' && cur + 1 >= n)) {
      throw CompileError.syntax("unexpected EOF while parsing", line, at - lineStart + 2);
    }
    if (src.charAt(cur) != '\n') {
      throw CompileError.syntax(
          "unexpected character after line continuation character", line, at - lineStart + 2);
    }
    newline(cur + 1);
  }

  private void token(char c) {
    int start = cur;
    if (isDigit(c) || (c == '.' && cur + 1 < n && isDigit(src.charAt(cur + 1)))) {
      numberStart = start;
      number();
      add(Token.Kind.NUMBER, src.substring(start, cur), line, start - lineStart);
      return;
    }
    if (c == '"' || c == '\'') {
      string(start);
      return;
    }
    int cp = src.codePointAt(cur);
    if (isIdentifierStart(cp)) {
      cur += Character.charCount(cp);
      while (cur < n && isIdentifierPart(src.codePointAt(cur))) {
        cur += Character.charCount(src.codePointAt(cur));
      }
      String word = src.substring(start, cur);
      if (cur < n && (src.charAt(cur) == '"' || src.charAt(cur) == '\'') && isPrefix(word)) {
        string(start);
        return;
      }
      String name =
          word.chars().allMatch(ch -> ch < 128)
              ? word
              : Normalizer.normalize(word, Normalizer.Form.NFKC);
      add(Token.Kind.NAME, name, line, start - lineStart);
      return;
    }
    for (String op : OPERATORS) {
      if (src.startsWith(op, cur)) {
        cur += op.length();
        bracket(op, start);
        add(Token.Kind.OP, op, line, start - lineStart);
        return;
      }
    }
    if (c < 128) {
      // '$', '?', '`', a lone '!': a token no grammar rule accepts, so "invalid syntax" there.
      cur++;
      add(Token.Kind.OP, String.valueOf(c), line, start - lineStart);
      return;
    }
    int col = start - lineStart + 1;
    if (isPrintable(cp)) {
      throw CompileError.syntax(
          String.format("invalid character '%s' (U+%04X)", new String(Character.toChars(cp)), cp),
          line,
          col);
    }
    throw CompileError.syntax(
        String.format("invalid non-printable character U+%04X", cp), line, col);
  }

  private void bracket(String op, int start) {
    char c = op.charAt(0);
    if (op.length() != 1) {
      return;
    }
    if (c == '(' || c == '[' || c == '{') {
      if (parens.size() >= MAX_PARENS) {
        throw CompileError.syntax("too many nested parentheses", line, start - lineStart + 1);
      }
      parens.push(new int[] {c, line, start - lineStart});
    } else if (c == ')' || c == ']' || c == '}') {
      if (parens.isEmpty()) {
        throw CompileError.syntax("unmatched '" + c + "'", line, start - lineStart + 1);
      }
      int[] open = parens.pop();
      char expected = open[0] == '(' ? ')' : open[0] == '[' ? ']' : '}';
      if (c != expected) {
        throw CompileError.syntax(
            "closing parenthesis '"
                + c
                + "' does not match opening parenthesis '"
                + (char) open[0]
                + "'"
                + (open[1] != line ? " on line " + open[1] : ""),
            line,
            start - lineStart + 1);
      }
    }
  }

  /** Scans a string literal from its prefix at {@code start}; the parser decodes it. */
  private void string(int start) {
    int startLine = line;
    int startLineStart = lineStart;
    while (src.charAt(cur) != '"' && src.charAt(cur) != '\'') {
      cur++;
    }
    char q = src.charAt(cur);
    boolean triple = src.startsWith(String.valueOf(new char[] {q, q, q}), cur);
    cur += triple ? 3 : 1;
    while (true) {
      if (cur >= n) {
        int detected = n > 0 && src.charAt(n - 1) == '\n' ? line - 1 : line;
        throw unterminated(triple, detected, startLine, start - startLineStart);
      }
      char c = src.charAt(cur);
      if (c == '\\') {
        cur++;
        if (cur < n) {
          if (src.charAt(cur) == '\n') {
            newline(cur + 1);
          } else {
            cur++;
          }
        }
      } else if (c == '\n') {
        if (!triple) {
          throw unterminated(false, line, startLine, start - startLineStart);
        }
        newline(cur + 1);
      } else if (c == q && (!triple || src.startsWith(String.valueOf(new char[] {q, q, q}), cur))) {
        cur += triple ? 3 : 1;
        break;
      } else {
        cur++;
      }
    }
    lineHasTokens = true;
    out.add(
        new Token(
            Token.Kind.STRING,
            src.substring(start, cur),
            startLine,
            start - startLineStart,
            line,
            cur - lineStart,
            parens.size()));
  }

  private static CompileError unterminated(boolean triple, int detected, int line, int col) {
    return CompileError.syntax(
        "unterminated "
            + (triple ? "triple-quoted " : "")
            + "string literal (detected at line "
            + detected
            + ")",
        line,
        col + 1);
  }

  // Numbers follow tok_get's number rules step by step, including where each error points
  // (CPython's offset is the index of its read position, so some errors point one before).

  private void number() {
    int c = nextc();
    if (c == '.') {
      c = nextc();
      fraction(c);
      return;
    }
    if (c == '0') {
      c = nextc();
      if (c == 'x' || c == 'X') {
        radix(16, "hexadecimal");
        return;
      }
      if (c == 'o' || c == 'O') {
        radix(8, "octal");
        return;
      }
      if (c == 'b' || c == 'B') {
        radix(2, "binary");
        return;
      }
      boolean nonzero = false;
      while (true) {
        if (c == '_') {
          c = nextc();
          if (!isDigit(c)) {
            backup(c);
            throw numberError("invalid decimal literal");
          }
        }
        if (c != '0') {
          break;
        }
        c = nextc();
      }
      if (isDigit(c)) {
        nonzero = true;
        c = decimalTail();
      }
      boolean more = c == '.' || c == 'e' || c == 'E' || c == 'j' || c == 'J';
      if (nonzero && !more) {
        backup(c);
        throw CompileError.syntax(
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for"
                + " octal integers",
            line,
            numberStart - lineStart + 1);
      }
      afterDigits(c, true);
      return;
    }
    afterDigits(decimalTail(), true);
  }

  private void fraction(int c) {
    afterDigits(isDigit(c) ? decimalTail() : c, false);
  }

  /**
   * What may follow the digits of a decimal, from {@code c} on: a fraction (if {@code point} may
   * start one), an exponent, a {@code j}, or the end of the number.
   */
  private void afterDigits(int c, boolean point) {
    if (point && c == '.') {
      fraction(nextc());
    } else if (c == 'e' || c == 'E') {
      exponent(c);
    } else {
      imaginaryOrEnd(c);
    }
  }

  private void imaginaryOrEnd(int c) {
    if (c == 'j' || c == 'J') {
      imaginary();
    } else {
      endOfNumber(c, "decimal");
      backup(c);
    }
  }

  private void exponent(int e) {
    int c = nextc();
    if (c == '+' || c == '-') {
      c = nextc();
      if (!isDigit(c)) {
        backup(c);
        throw numberError("invalid decimal literal");
      }
    } else if (!isDigit(c)) {
      backup(c);
      endOfNumber(e, "decimal");
      backup(e);
      return;
    }
    imaginaryOrEnd(decimalTail());
  }

  private void imaginary() {
    int c = nextc();
    endOfNumber(c, "imaginary");
    backup(c);
  }

  private void radix(int radix, String kind) {
    int c = nextc();
    do {
      if (c == '_') {
        c = nextc();
      }
      if (!isRadixDigit(c, radix)) {
        if (radix != 16 && isDigit(c)) {
          throw numberError("invalid digit '" + (char) c + "' in " + kind + " literal");
        }
        backup(c);
        throw numberError("invalid " + kind + " literal");
      }
      do {
        c = nextc();
      } while (isRadixDigit(c, radix));
    } while (c == '_');
    if (radix != 16 && isDigit(c)) {
      throw numberError("invalid digit '" + (char) c + "' in " + kind + " literal");
    }
    endOfNumber(c, kind);
    backup(c);
  }

  private int decimalTail() {
    int c;
    while (true) {
      do {
        c = nextc();
      } while (isDigit(c));
      if (c != '_') {
        return c;
      }
      c = nextc();
      if (!isDigit(c)) {
        backup(c);
        throw numberError("invalid decimal literal");
      }
    }
  }

  /** CPython's verify_end_of_number: a number may run into a keyword, not into a name. */
  private void endOfNumber(int c, String kind) {
    boolean keyword =
        switch (c) {
          case 'a' -> src.startsWith("nd", cur);
          case 'e' -> src.startsWith("lse", cur);
          case 'f' -> src.startsWith("or", cur);
          case 'i' -> cur < n && "fns".indexOf(src.charAt(cur)) >= 0;
          case 'o' -> src.startsWith("r", cur);
          case 'n' -> src.startsWith("ot", cur);
          default -> false;
        };
    if (!keyword && isPotentialIdentifierChar(c)) {
      backup(c);
      throw numberError("invalid " + kind + " literal");
    }
  }

  private CompileError numberError(String detail) {
    return CompileError.syntax(detail, line, cur - lineStart);
  }

  private int nextc() {
    return cur < n ? src.charAt(cur++) : -1;
  }

  private void backup(int c) {
    if (c != -1) {
      cur--;
    }
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isRadixDigit(int c, int radix) {
    if (radix == 16) {
      return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
    return c >= '0' && c < '0' + radix;
  }

  private static boolean isPotentialIdentifierChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || isDigit(c) || c >= 128;
  }

  private static boolean isIdentifierStart(int cp) {
    return cp == '_'
        || (cp < 128 ? Character.isLetter(cp) : Character.isUnicodeIdentifierStart(cp));
  }

  private static boolean isIdentifierPart(int cp) {
    if (cp < 128) {
      return cp == '_' || Character.isLetterOrDigit(cp);
    }
    return Character.isUnicodeIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp);
  }

  private static boolean isPrefix(String word) {
    return PREFIXES.contains(word.toLowerCase(Locale.ROOT));
  }

  private static boolean isPrintable(int cp) {
    // Python's str.isprintable: not in Cc, Cf, Cs, Co, Cn, Zl, Zp or Zs.
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR ->
          false;
      default -> true;
    };
  }

  private void skipBlanks() {
    while (cur < n) {
      char c = src.charAt(cur);
      if (c != ' ' && c != '\t' && c != '\f') {
        return;
      }
      cur++;
    }
  }

  private void newline(int next) {
    cur = next;
    line++;
    lineStart = next;
    commentCol = -1;
  }

  private int lineEnd(int from) {
    int end = src.indexOf('\n', from);
    return end < 0 ? n : end;
  }

  private void add(Token.Kind kind, String text, int atLine, int col) {
    if (kind != Token.Kind.NEWLINE && kind != Token.Kind.INDENT && kind != Token.Kind.DEDENT) {
      lineHasTokens = true;
    }
    out.add(new Token(kind, text, atLine, col, line, cur - lineStart, parens.size()));
  }
}
