package dev.gillab.gil.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

/**
 * Bad sources with what CPython 3.11 says about them: the exception, its message, and the line and
 * offset of {@code compile(src, "t.py", "exec")}. {@link SyntaxErrorsTest} checks the compiler
 * against them, and against a live {@code python3} when there is one.
 */
final class BadSources {
  /** A bad source and CPython's verdict on it. */
  record Bad(String source, String kind, String detail, int line, int column) {
    String verdict() {
      return kind + "|" + detail + "|" + line + "|" + column;
    }

    @Override
    public String toString() {
      return source.replace("\n", "\\n");
    }
  }

  private BadSources() {}

  static String verdictOf(String source) {
    PythonSyntaxError e =
        assertThrows(PythonSyntaxError.class, () -> PythonCompiler.compile(source, "t.py"));
    assertEquals("t.py", e.filename());
    return e.kind() + "|" + e.detail() + "|" + e.line() + "|" + e.column();
  }

  private static Bad syntax(String source, String detail, int line, int column) {
    return new Bad(source, "SyntaxError", detail, line, column);
  }

  private static Bad indentation(String source, String detail, int line, int column) {
    return new Bad(source, "IndentationError", detail, line, column);
  }

  private static Bad mixedTabs(String source, int line, int column) {
    return new Bad(
        source, "TabError", "inconsistent use of tabs and spaces in indentation", line, column);
  }

  // The messages CPython gives for many sources, with the part that differs as a parameter.

  private static final String FORGOT_COMMA = "invalid syntax. Perhaps you forgot a comma?";
  private static final String MEANT_EQUALS =
      "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
  private static final String MISSING_PRINT_PARENS =
      "Missing parentheses in call to 'print'. Did you mean print(...)?";
  private static final String UNINDENT = "unindent does not match any outer indentation level";

  private static String cannotAssign(String what) {
    return "cannot assign to " + what + " here. Maybe you meant '==' instead of '='?";
  }

  private static String unterminated(int line) {
    return "unterminated string literal (detected at line " + line + ")";
  }

  private static String unterminatedTriple(int line) {
    return "unterminated triple-quoted string literal (detected at line " + line + ")";
  }

  private static String assignedBeforeGlobal(String name) {
    return "name '" + name + "' is assigned to before global declaration";
  }

  private static String usedBeforeGlobal(String name) {
    return "name '" + name + "' is used prior to global declaration";
  }

  private static String indentedBlockAfter(String what, int line) {
    return "expected an indented block after " + what + " on line " + line;
  }

  private static String unicodeEscape(String positions, String what) {
    return "(unicode error) 'unicodeescape' codec can't decode bytes in position "
        + positions
        + ": "
        + what;
  }

  static final List<Bad> ALL =
      List.of(
          syntax("x = (1", "'(' was never closed", 1, 5),
          syntax("x = 1)", "unmatched ')'", 1, 6),
          syntax("x = [1,\n2", "'[' was never closed", 1, 5),
          syntax("if x\n  y", "expected ':'", 1, 5),
          syntax("return 1", "'return' outside function", 1, 1),
          syntax("break", "'break' outside loop", 1, 1),
          syntax("continue", "'continue' not properly in loop", 1, 1),
          syntax("x = \"abc", unterminated(1), 1, 5),
          syntax("x = '''abc", unterminatedTriple(1), 1, 5),
          syntax("1 = x", cannotAssign("literal"), 1, 1),
          syntax("def f():\n  x = 1\n  global x", assignedBeforeGlobal("x"), 3, 3),
          syntax("def f():\n  print(x)\n  global x", usedBeforeGlobal("x"), 3, 3),
          indentation("if x:\npass", indentedBlockAfter("'if' statement", 1), 2, 1),
          indentation(" x=1", "unexpected indent", 1, 1),
          indentation("if x:\n    a\n  b", UNINDENT, 3, 4),
          syntax("x = 1 +", "invalid syntax", 1, 8),
          syntax("f(", "'(' was never closed", 1, 2),
          syntax("def f(a, a): pass", "duplicate argument 'a' in function definition", 1, 10),
          syntax("x = 0x", "invalid hexadecimal literal", 1, 6),
          syntax("x = 1__0", "invalid decimal literal", 1, 6),
          syntax(
              "x = 09",
              "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
              1,
              5),
          syntax("x = 1abc", "invalid decimal literal", 1, 5),
          syntax("x=$", "invalid syntax", 1, 3),
          syntax("while x:\n  pass\nelse:\n  break", "'break' outside loop", 4, 3),
          syntax("x = \"\"\"abc\ndef\n", unterminatedTriple(2), 1, 5),
          syntax("x = 1 \\ 2", "unexpected character after line continuation character", 1, 8),
          syntax("x = 1\\", "unexpected EOF while parsing", 1, 7),
          syntax("x = \u20ac", "invalid character '\u20ac' (U+20AC)", 1, 5),
          syntax("x = a\u00a0b", "invalid non-printable character U+00A0", 1, 6),
          syntax("x = (1]", "closing parenthesis ']' does not match opening parenthesis '('", 1, 7),
          syntax(
              "x = (1,\n2]",
              "closing parenthesis ']' does not match opening parenthesis '(' on line 1",
              2,
              2),
          syntax("x = 0o8", "invalid digit '8' in octal literal", 1, 7),
          syntax("x = 0b2", "invalid digit '2' in binary literal", 1, 7),
          syntax("x = 0o", "invalid octal literal", 1, 6),
          syntax("x = 0b", "invalid binary literal", 1, 6),
          syntax("x = 1_", "invalid decimal literal", 1, 6),
          syntax("x = 1.5e", "invalid decimal literal", 1, 7),
          syntax("x = 1e+", "invalid decimal literal", 1, 7),
          syntax("x = 0x1g", "invalid hexadecimal literal", 1, 7),
          syntax("x = 0.5_", "invalid decimal literal", 1, 8),
          syntax("x = 0xfor", "invalid syntax", 1, 10),
          mixedTabs("if x:\n\tA\n        B", 3, 1),
          mixedTabs("if x:\n        A\n\tB", 3, 1),
          indentation("if x:", indentedBlockAfter("'if' statement", 1), 1, 6),
          indentation("if x:\n", indentedBlockAfter("'if' statement", 1), 1, 6),
          indentation("def f():\n  # c\n", indentedBlockAfter("function definition", 1), 2, 6),
          indentation("while x:\n\n", indentedBlockAfter("'while' statement", 1), 2, 1),
          syntax("if x: pass\nelse", "expected ':'", 2, 5),
          indentation("for x in y:\n  pass\n else:\n  pass", UNINDENT, 3, 7),
          syntax("x = ((((", "'(' was never closed", 1, 8),
          syntax("x = )", "unmatched ')'", 1, 5),
          syntax("x = [", "'[' was never closed", 1, 5),
          syntax("(", "'(' was never closed", 1, 1),
          syntax("\\", "unexpected EOF while parsing", 1, 2),
          syntax("x\\\n", "unexpected EOF while parsing", 1, 3),
          syntax("f(a b)", FORGOT_COMMA, 1, 3),
          syntax("x = [a b]", FORGOT_COMMA, 1, 6),
          syntax("x = a b", "invalid syntax", 1, 7),
          syntax("print \"hi\"", MISSING_PRINT_PARENS, 1, 1),
          syntax("print x", MISSING_PRINT_PARENS, 1, 1),
          syntax("if x = 1:\n  pass", MEANT_EQUALS, 1, 4),
          syntax("f() = 1", cannotAssign("function call"), 1, 1),
          syntax("a + b = 1", cannotAssign("expression"), 1, 1),
          syntax("for f() in x: pass", "cannot assign to function call", 1, 5),
          syntax(
              "f() += 1",
              "'function call' is an illegal expression for augmented assignment",
              1,
              1),
          syntax("del f()", "cannot delete function call", 1, 5),
          syntax("del 1", "cannot delete literal", 1, 5),
          syntax("x = 1 = 2", "cannot assign to literal", 1, 5),
          syntax("(a, 1) = x", "cannot assign to literal", 1, 5),
          syntax("None = 1", "cannot assign to None", 1, 1),
          syntax("True = 1", "cannot assign to True", 1, 1),
          syntax("def f(:\n pass", "invalid syntax", 1, 7),
          syntax("else:\n pass", "invalid syntax", 1, 1),
          syntax("import", "invalid syntax", 1, 7),
          syntax("from x import", "invalid syntax", 1, 14),
          syntax(
              "from x import a,",
              "trailing comma not allowed without surrounding parentheses",
              1,
              17),
          syntax("import a from b", "invalid syntax", 1, 10),
          syntax("x = 1\nglobal x", assignedBeforeGlobal("x"), 2, 1),
          syntax("def f(x):\n  global x", "name 'x' is parameter and global", 2, 3),
          syntax("f(a=1, b)", "positional argument follows keyword argument", 1, 9),
          syntax("f(a=1, a=2)", "keyword argument repeated: a", 1, 8),
          syntax("x = f\"{}\"", "f-string: empty expression not allowed", 1, 10),
          syntax(
              "x = f\"{x!z}\"",
              "f-string: invalid conversion character: expected 's', 'r', or 'a'",
              1,
              13),
          syntax("x = f\"{x\"", "f-string: expecting '}'", 1, 10),
          syntax("x = f\"}\"", "f-string: single '}' is not allowed", 1, 9),
          syntax("x = f\"{a b}\"", "f-string: invalid syntax. Perhaps you forgot a comma?", 1, 2),
          syntax("x = f\"{\\n}\"", "f-string expression part cannot include a backslash", 1, 12),
          syntax("x = f\"{#}\"", "f-string expression part cannot include '#'", 1, 11),
          syntax("x = \"\\x1\"", unicodeEscape("0-2", "truncated \\xXX escape"), 1, 10),
          syntax("x = \"\\N{foo}\"", unicodeEscape("0-6", "unknown Unicode character name"), 1, 14),
          syntax("x = \"\\U00110000\"", unicodeEscape("0-9", "illegal Unicode character"), 1, 17),
          syntax("x = b\"a\" \"b\"", "cannot mix bytes and nonbytes literals", 1, 13),
          syntax("with a as 1: pass", "cannot assign to literal", 1, 11),
          syntax("x = 1 +\n", "invalid syntax", 1, 8),
          syntax("x = (1 +\n2 *)", "invalid syntax", 2, 4),
          syntax("x = not", "invalid syntax", 1, 8),
          syntax("x = a if b", "expected 'else' after 'if' expression", 1, 5),
          syntax("x = a if b else", "invalid syntax", 1, 16),
          syntax("if x:\n  pass\nelif:\n  pass", "invalid syntax", 3, 5),
          syntax("for x in : pass", "invalid syntax", 1, 10),
          syntax("for in x: pass", "invalid syntax", 1, 5),
          syntax("while : pass", "invalid syntax", 1, 7),
          syntax("def (): pass", "invalid syntax", 1, 5),
          syntax("def f() pass", "expected ':'", 1, 9),
          syntax("x = [1, 2", "'[' was never closed", 1, 5),
          syntax("x = 1,,", "invalid syntax", 1, 7),
          syntax("x ==", "invalid syntax", 1, 5),
          syntax("x = ..", "invalid syntax", 1, 5),
          syntax("x = a.1", "invalid syntax", 1, 6),
          syntax("x = a.", "invalid syntax", 1, 7),
          syntax("@", "invalid syntax", 1, 2),
          syntax("x = 1 if else 2", "invalid syntax", 1, 10),
          syntax("pass pass", "invalid syntax", 1, 6),
          syntax("x = 1; ; y", "invalid syntax", 1, 8),
          syntax("x = $1", "invalid syntax", 1, 5),
          syntax("x = `a`", "invalid syntax", 1, 5),
          syntax("x = a!", "invalid syntax", 1, 6),
          syntax("x = 1 !", "invalid syntax", 1, 7),
          syntax("x = a !b", "invalid syntax", 1, 7),
          syntax("x = 5 5", "invalid syntax", 1, 7),
          indentation("x=1\n    y=2", "unexpected indent", 2, 4),
          indentation("x=1\n  y=2\n", "unexpected indent", 2, 2),
          indentation("if x:\n  a\n    b", "unexpected indent", 3, 4),
          syntax("x = 1 + # c\n", "invalid syntax", 1, 9),
          syntax("if x y:\n  pass", "invalid syntax", 1, 6),
          syntax("while x y:\n pass", "invalid syntax", 1, 9),
          syntax("for x y: pass", "invalid syntax", 1, 7),
          syntax("for x in y z: pass", "invalid syntax", 1, 12),
          syntax("with a b: pass", "invalid syntax", 1, 8),
          syntax("if x:\n pass\nelse pass", "expected ':'", 3, 6),
          syntax("def f: pass", "expected '('", 1, 6),
          syntax("f(1=2)", "expression cannot contain assignment, perhaps you meant \"==\"?", 1, 3),
          syntax(
              "f(a.b=2)", "expression cannot contain assignment, perhaps you meant \"==\"?", 1, 3),
          syntax(
              "x = f\"\"\"\n{a b}\"\"\"",
              "f-string: invalid syntax. Perhaps you forgot a comma?",
              2,
              2),
          syntax(
              "\n\nx = f\"{a b}\"", "f-string: invalid syntax. Perhaps you forgot a comma?", 3, 2),
          syntax(
              "x = f\"{a!}\"",
              "f-string: invalid conversion character: expected 's', 'r', or 'a'",
              1,
              12),
          syntax("x = f\"{ }\"", "f-string: empty expression not allowed", 1, 11),
          syntax("x = r\"\\\"", unterminated(1), 1, 5),
          syntax("x = \"abc\\", unterminated(1), 1, 5),
          syntax("x = 'a\n'", unterminated(1), 1, 5),
          syntax("x = [1,\n 2 3]", FORGOT_COMMA, 2, 2),
          syntax("from x import (a,", "'(' was never closed", 1, 15),
          syntax("x = 1 if 2 else 3 if 4", "expected 'else' after 'if' expression", 1, 17),
          syntax("a, b += 1", "'tuple' is an illegal expression for augmented assignment", 1, 1),
          syntax("del", "invalid syntax", 1, 4),
          syntax("assert", "invalid syntax", 1, 7),
          syntax("assert x,", "invalid syntax", 1, 10),
          syntax("global", "invalid syntax", 1, 7),
          syntax("return 1, 2", "'return' outside function", 1, 1),
          syntax("x = a[]", "invalid syntax", 1, 7),
          syntax("x = (,)", "invalid syntax", 1, 6),
          indentation("if True:\n    pass\n  else:\n    pass", UNINDENT, 3, 8),
          indentation("x = 1\n\tif x:\n  pass", "unexpected indent", 2, 1),
          syntax("def f(a b): pass", "invalid syntax", 1, 9),
          syntax("f(,)", "invalid syntax", 1, 3),
          syntax("f(a,,b)", "invalid syntax", 1, 5),
          syntax("x = 1\n\n\n  \n# c\ny = (\n", "'(' was never closed", 6, 5),
          indentation("if x:\n  y = 1\n z = 2\n", UNINDENT, 3, 7),
          syntax("def f():\n  return\n  x = 1\n  break", "'break' outside loop", 4, 3),
          syntax("for x in y:\n  def g():\n    break", "'break' outside loop", 3, 5),
          syntax("x = \"a\" \"b\n", unterminated(1), 1, 9),
          syntax("s = '''a\nb\nc", unterminatedTriple(3), 1, 5),
          syntax("x = 1e", "invalid decimal literal", 1, 5),
          syntax("x = 1_000_", "invalid decimal literal", 1, 10),
          syntax("x = 0_", "invalid decimal literal", 1, 6),
          syntax("x = 0b1_", "invalid binary literal", 1, 8),
          syntax("x = 0b_", "invalid binary literal", 1, 7),
          syntax("x = 1.e", "invalid decimal literal", 1, 6),
          syntax(
              "x = [1, 2)",
              "closing parenthesis ')' does not match opening parenthesis '['",
              1,
              10),
          syntax("x = {", "'{' was never closed", 1, 5),
          syntax("x = }", "unmatched '}'", 1, 5),
          indentation("if x:\n  pass\n else:\n  pass", UNINDENT, 3, 7),
          syntax("x = (\n1,\n2\n", "'(' was never closed", 1, 5),
          indentation("a = 1\nif a:\n  b = 2\n    c = 3", "unexpected indent", 4, 4),
          indentation("print(1)\n  print(2)", "unexpected indent", 2, 2),
          indentation("if a:\n\n\npass", indentedBlockAfter("'if' statement", 1), 4, 1),
          syntax("while 1:\n  pass\n  else:", "invalid syntax", 3, 3),
          syntax("x = (a for a in b", "'(' was never closed", 1, 5),
          syntax("x = 1 2 3", "invalid syntax", 1, 7),
          syntax("x.1", "invalid syntax", 1, 2),
          syntax("x = 1.2.3", "invalid syntax", 1, 8),
          syntax("x = 1e1_", "invalid decimal literal", 1, 8),
          syntax("x = .e1", "invalid syntax", 1, 5),
          indentation("x = 1\n\u000c y = 2", "unexpected indent", 2, 2),
          syntax("def f(a):\n  global a", "name 'a' is parameter and global", 2, 3),
          syntax("def f():\n  global x\n  x = 1\n  global x", assignedBeforeGlobal("x"), 4, 3),
          syntax("def f():\n  del x\n  global x", assignedBeforeGlobal("x"), 3, 3),
          syntax("def f():\n  for x in y: pass\n  global x", assignedBeforeGlobal("x"), 3, 3),
          syntax("def f():\n  x += 1\n  global x", assignedBeforeGlobal("x"), 3, 3),
          syntax("def f():\n  with a as x: pass\n  global x", assignedBeforeGlobal("x"), 3, 3),
          syntax("print(x)\nglobal x", usedBeforeGlobal("x"), 2, 1),
          syntax("def f(): pass\nglobal f", assignedBeforeGlobal("f"), 2, 1),
          mixedTabs("if x:\n  y\n\telse:\n  z", 3, 1),
          syntax("x = 1 if 2", "expected 'else' after 'if' expression", 1, 5),
          syntax("x = 1 if 2 :", "invalid syntax", 1, 12),
          syntax("[a, b c]", FORGOT_COMMA, 1, 5),
          syntax("f(a, b c, d)", FORGOT_COMMA, 1, 6),
          syntax("f(x y=1)", FORGOT_COMMA, 1, 3),
          syntax("f(a \"b\")", "invalid syntax", 1, 5),
          syntax("x = f(match x)", "invalid syntax", 1, 13),
          syntax("[print x]", MISSING_PRINT_PARENS, 1, 2),
          syntax("def f():\n  return print x", MISSING_PRINT_PARENS, 2, 10),
          syntax("x = \"\\N\"", unicodeEscape("0-1", "malformed \\N character escape"), 1, 9),
          syntax("x = \"\\N{}\"", unicodeEscape("0-2", "malformed \\N character escape"), 1, 11),
          syntax("x = \"\\N{a\"", unicodeEscape("0-3", "malformed \\N character escape"), 1, 11),
          syntax("x = \"\\u12\"", unicodeEscape("0-3", "truncated \\uXXXX escape"), 1, 11),
          syntax("x = \"\\U1234\"", unicodeEscape("0-5", "truncated \\UXXXXXXXX escape"), 1, 13),
          syntax("x = \"\\xg\"", unicodeEscape("0-1", "truncated \\xXX escape"), 1, 10),
          syntax("if x:\n  pass\nelif y\n  pass", "expected ':'", 3, 7),
          syntax("with x\n  pass", "expected ':'", 1, 7),
          syntax("while x\n  pass", "expected ':'", 1, 8),
          syntax("for x in y\n  pass", "expected ':'", 1, 11),
          syntax("else", "invalid syntax", 1, 1),
          syntax("x = a if b else c if d", "expected 'else' after 'if' expression", 1, 17),
          syntax("del x +1", "cannot delete expression", 1, 5),
          syntax("del (x, 1)", "cannot delete literal", 1, 9),
          syntax("del [f()]", "cannot delete function call", 1, 6),
          syntax("for x, 1 in y: pass", "cannot assign to literal", 1, 8),
          syntax("for (x, f()) in y: pass", "cannot assign to function call", 1, 9),
          syntax("a = b = f() = 1", "cannot assign to function call", 1, 9),
          syntax("f() = g() = 1", "cannot assign to function call", 1, 1),
          syntax("(1) = 2", cannotAssign("literal"), 1, 2),
          syntax("-x = 1", cannotAssign("expression"), 1, 1),
          syntax("not x = 1", "cannot assign to expression", 1, 1),
          syntax("a < b = 1", "cannot assign to comparison", 1, 1),
          syntax("a if b else c = 1", "cannot assign to conditional expression", 1, 1),
          syntax("[a, 1] = b", "cannot assign to literal", 1, 5),
          syntax("a, f() = b", cannotAssign("function call"), 1, 4),
          syntax(
              "x.y += 1\nf() -= 1",
              "'function call' is an illegal expression for augmented assignment",
              2,
              1),
          syntax("x = 1 +\\\n", "unexpected EOF while parsing", 1, 9),
          syntax("x = \\\n", "unexpected EOF while parsing", 1, 6),
          indentation("\n\n\n  x", "unexpected indent", 4, 2),
          syntax("class A: pass\n)", "unmatched ')'", 2, 1),
          syntax("x = [\n1,\n2,\n3 4]", FORGOT_COMMA, 4, 1),
          syntax("f(), a = b", MEANT_EQUALS, 1, 6),
          syntax("a, 1 = b", cannotAssign("literal"), 1, 4),
          syntax("1, a = b", MEANT_EQUALS, 1, 4),
          syntax("a, b + 1 = c", cannotAssign("expression"), 1, 4),
          syntax("a, b = f() = c", "cannot assign to function call", 1, 8),
          syntax("x = a, f() = c", MEANT_EQUALS, 1, 1),
          syntax("x = = 1\ny = \"abc", unterminated(2), 2, 5),
          syntax("x = 1 +\ny = \"abc", unterminated(2), 2, 5),
          syntax("x = (\ny = \"abc", unterminated(2), 2, 5),
          syntax("f(a=1, b, c)", "positional argument follows keyword argument", 1, 12),
          syntax("f(a=1, b, c d)", "positional argument follows keyword argument", 1, 14),
          syntax("f(a=1, b\n", "'(' was never closed", 1, 2),
          syntax("if x = 1 = 2:\n pass", "invalid syntax", 1, 6),
          syntax("if f() = 1:\n pass", cannotAssign("function call"), 1, 4),
          syntax("if x.y = 1:\n pass", cannotAssign("attribute"), 1, 4),
          syntax("if (a, b) = 1:\n pass", "invalid syntax", 1, 11),
          syntax("x = (a = 1)", MEANT_EQUALS, 1, 6),
          syntax("x = [a = 1]", MEANT_EQUALS, 1, 6),
          indentation("x = a\n  b = (\n", "unexpected indent", 2, 2),
          syntax("x = 1 $ (", "invalid syntax", 1, 7),
          syntax("$ \"abc", unterminated(1), 1, 3),
          syntax("x = ( $ \"abc", unterminated(1), 1, 9),
          syntax("@\n", "invalid syntax", 1, 2),
          syntax("x = 1 if 2 else 3 if 4 else", "invalid syntax", 1, 28),
          syntax("x = not\n", "invalid syntax", 1, 8),
          syntax("x = \"\\N{LATIN SMALL LETTER A}\" + 1 +", "invalid syntax", 1, 37),
          syntax("x = 1\n  # comment\ny = 2 +", "invalid syntax", 3, 8),
          syntax("x = '''a\n\nb", unterminatedTriple(3), 1, 5),
          indentation("def f():\n    pass\n  x = 1", UNINDENT, 3, 8),
          mixedTabs("def f():\n\tif x:\n        pass", 3, 1),
          syntax("x = 1 if 2 else", "invalid syntax", 1, 16),
          syntax("x = 9223372036854775808 = 1", "cannot assign to literal", 1, 5),
          syntax("f(x) = 1\n", cannotAssign("function call"), 1, 1),
          syntax("del f(), g()", "cannot delete function call", 1, 5),
          syntax("x, = 1 = 2", "cannot assign to literal", 1, 6),
          syntax("def f(a, b, a): pass", "duplicate argument 'a' in function definition", 1, 13),
          syntax("def f():\n  return 1\n\nreturn 2", "'return' outside function", 4, 1),
          syntax("for x in y:\n  pass\nbreak", "'break' outside loop", 3, 1),
          syntax(
              "while x:\n  with y:\n    continue\ncontinue",
              "'continue' not properly in loop",
              4,
              1),
          syntax("if x:\n    y = (1 +\n", "'(' was never closed", 2, 9),
          indentation("for x in y:\n    pass\n  x = 1", UNINDENT, 3, 8),
          indentation("def f():\n    return 1\n        x = 2", "unexpected indent", 3, 8),
          indentation(
              "if x:\n    pass\nelse:\nx = 1", indentedBlockAfter("'else' statement", 3), 4, 1),
          syntax("while x:\n    pass\n    else:\n        pass", "invalid syntax", 3, 5),
          syntax("x = [1,\n    2\n    3]", FORGOT_COMMA, 2, 5),
          syntax("def f(a, b\n    pass", "'(' was never closed", 1, 6),
          syntax("print(\"a\" \"b\" c)", FORGOT_COMMA, 1, 7),
          syntax("x = {1: 2", "'{' was never closed", 1, 5),
          syntax("if x:\n    if y:\n        pass\n    else\n        pass", "expected ':'", 4, 9),
          syntax(
              "def f():\n    x = 1\n    for x in y: pass\n    global x",
              assignedBeforeGlobal("x"),
              4,
              5),
          syntax("x = \"\"\"a\n\"\"\"  \"b", unterminated(2), 2, 6),
          syntax("s = f'{x}' f'{y'", "f-string: expecting '}'", 1, 17),
          syntax("import time\ntime.sleep(1) = 3", cannotAssign("function call"), 2, 1),
          syntax("a = 1 +* 2", "invalid syntax", 1, 8),
          syntax("a = not", "invalid syntax", 1, 8),
          syntax("a = 1 not in", "invalid syntax", 1, 13),
          syntax("x = a is", "invalid syntax", 1, 9),
          syntax("x = a.b.", "invalid syntax", 1, 9),
          syntax("f(a)(b", "'(' was never closed", 1, 5),
          syntax("f(a=)", "invalid syntax", 1, 5),
          syntax("f(=a)", "invalid syntax", 1, 3),
          syntax("f(a, k=1, k=2)", "keyword argument repeated: k", 1, 11),
          syntax("def f(a, a, b): pass", "duplicate argument 'a' in function definition", 1, 10));
}
