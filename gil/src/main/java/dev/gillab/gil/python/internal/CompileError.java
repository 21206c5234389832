package dev.gillab.gil.python.internal;

/**
 * A fault found while compiling: the kind of Python exception CPython raises for it, its wording,
 * and where it is. {@code dev.gillab.gil.python.PythonCompiler} turns it into the public {@code
 * PythonSyntaxError}, adding the file name and the source line. Immutable.
 */
public final class CompileError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public static final String SYNTAX = "SyntaxError";
  public static final String INDENTATION = "IndentationError";
  public static final String TAB = "TabError";
  public static final String NOT_IMPLEMENTED = "NotImplementedError";
  public static final String RECURSION = "RecursionError";

  private final String kind;
  private final String detail;
  private final int line;
  private final int column;

  /** {@code column} is 1-based, as CPython's {@code SyntaxError.offset}. */
  public CompileError(String kind, String detail, int line, int column) {
    super(kind + ": " + detail + " (" + line + ":" + column + ")", null, false, false);
    this.kind = kind;
    this.detail = detail;
    this.line = line;
    this.column = column;
  }

  static CompileError syntax(String detail, int line, int column) {
    return new CompileError(SYNTAX, detail, line, column);
  }

  /** A construct outside the subset; {@code what} names it, e.g. "class definitions". */
  static CompileError unsupported(String what, int line, int column) {
    return new CompileError(
        NOT_IMPLEMENTED, what + " is not supported in gil-lab's Python subset", line, column);
  }

  public String kind() {
    return kind;
  }

  public String detail() {
    return detail;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
