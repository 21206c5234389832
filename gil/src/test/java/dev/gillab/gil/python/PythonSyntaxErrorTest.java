package dev.gillab.gil.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What a refused program reports: message, position, source line and the caret. */
class PythonSyntaxErrorTest {

  private static PythonSyntaxError refuse(String source) {
    return assertThrows(PythonSyntaxError.class, () -> PythonCompiler.compile(source, "prog.py"));
  }

  @Test
  void messageNamesFilePositionKindAndDetail() {
    PythonSyntaxError e = refuse("x = 1\nif x\n    pass\n");
    assertEquals("prog.py:2:5: SyntaxError: expected ':'", e.getMessage());
    assertEquals("SyntaxError", e.kind());
    assertEquals("prog.py", e.filename());
    assertEquals(2, e.line());
    assertEquals(5, e.column());
    assertEquals("if x", e.sourceLine());
    assertEquals("expected ':'", e.detail());
  }

  @Test
  void formatPutsACaretUnderTheColumn() {
    assertEquals(
        "prog.py:1:5: SyntaxError: '(' was never closed\n    x = (1 +\n        ^",
        refuse("x = (1 +\n").format());
  }

  @Test
  void crlfAndCrAreNewlines() {
    PythonSyntaxError e = refuse("x = 1\r\ny = )\rz = 2\r\n");
    assertEquals("prog.py:2:5: SyntaxError: unmatched ')'", e.getMessage());
    assertEquals("y = )", e.sourceLine());
  }

  @Test
  void errorsFromTheCompilerPassHaveTheirLineToo() {
    PythonSyntaxError e = refuse("def f():\n    pass\nreturn 1\n");
    assertEquals("prog.py:3:1: SyntaxError: 'return' outside function", e.getMessage());
    assertEquals("return 1", e.sourceLine());
  }

  @Test
  void nulIsRefused() {
    PythonSyntaxError e = refuse("x = 1\ny = \0\n");
    assertEquals("source code string cannot contain null bytes", e.detail());
    assertEquals(2, e.line());
  }

  @Test
  void tabErrorAndRecursionErrorAreCPythonsKinds() {
    assertEquals("TabError", refuse("if x:\n\ty\n        z\n").kind());
    PythonSyntaxError deep = refuse("x = " + "-".repeat(3000) + "1\n");
    assertEquals("RecursionError", deep.kind());
    assertEquals("maximum recursion depth exceeded during compilation", deep.detail());
  }
}
