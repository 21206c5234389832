package dev.gillab.gil.python;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Source that does not compile, reported as CPython 3.11 reports it: the Python exception's kind,
 * CPython's wording, and the position CPython gives (1-based line and column, its {@code
 * SyntaxError.offset}).
 *
 * <p>{@link #kind()} is {@code "SyntaxError"}, {@code "IndentationError"} or {@code
 * "NotImplementedError"} (a construct outside gil-lab's subset: "class definitions is not supported
 * ..."), and, as CPython has them, {@code "TabError"} (inconsistent tabs and spaces) and {@code
 * "RecursionError"} (an expression nested deeper than the compiler recurses). Immutable.
 */
public final class PythonSyntaxError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String filename;
  private final int line;
  private final int column;
  private final String sourceLine;
  private final String detail;

  PythonSyntaxError(
      String kind, String filename, int line, int column, String sourceLine, String detail) {
    super(
        checkNotNull(filename, "filename")
            + ":"
            + line
            + ":"
            + column
            + ": "
            + checkNotNull(kind, "kind")
            + ": "
            + checkNotNull(detail, "detail"));
    checkArgument(line >= 1 && column >= 1, "position %s:%s", line, column);
    this.kind = kind;
    this.filename = filename;
    this.line = line;
    this.column = column;
    this.sourceLine = checkNotNull(sourceLine, "sourceLine");
    this.detail = detail;
  }

  /** The Python exception CPython raises: "SyntaxError", "IndentationError", ... */
  public String kind() {
    return kind;
  }

  public String filename() {
    return filename;
  }

  /** 1-based. */
  public int line() {
    return line;
  }

  /** 1-based, CPython's offset. */
  public int column() {
    return column;
  }

  /** The offending line's text without its newline; "" if there is none. */
  public String sourceLine() {
    return sourceLine;
  }

  /** CPython's wording, e.g. "invalid syntax". */
  public String detail() {
    return detail;
  }

  /** The message, the source line and a caret under the column. */
  public String format() {
    return getMessage() + "\n    " + sourceLine + "\n    " + " ".repeat(column - 1) + "^";
  }
}
