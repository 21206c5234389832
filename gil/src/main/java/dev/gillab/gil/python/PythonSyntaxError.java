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

  /** The Python exception's name, e.g. {@code SyntaxError}. */
  private final String kind;

  /** The file name the error names, as given to the compiler. */
  private final String filename;

  /** The 1-based line of the error. */
  private final int line;

  /** The 1-based column of the error, CPython's offset. */
  private final int column;

  /** The text of the offending line, without its newline; empty if there is none. */
  private final String sourceLine;

  /** CPython's wording of the error. */
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

  /**
   * The Python exception CPython raises: "SyntaxError", "IndentationError", ...
   *
   * @return the exception's name
   */
  public String kind() {
    return kind;
  }

  /** {@return the file name the error names, as given to the compiler} */
  public String filename() {
    return filename;
  }

  /** {@return the line of the error, 1-based} */
  public int line() {
    return line;
  }

  /** {@return the column of the error, 1-based: CPython's offset} */
  public int column() {
    return column;
  }

  /**
   * The offending line's text without its newline; "" if there is none.
   *
   * @return the source line
   */
  public String sourceLine() {
    return sourceLine;
  }

  /**
   * CPython's wording, e.g. "invalid syntax".
   *
   * @return the detail, without the file, position or kind
   */
  public String detail() {
    return detail;
  }

  /**
   * The message, the source line and a caret under the column.
   *
   * @return three lines: {@code file:line:column: kind: detail}, then the source line and the
   *     caret, each indented four spaces, without a final newline
   */
  public String format() {
    return getMessage() + "\n    " + sourceLine + "\n    " + " ".repeat(column - 1) + "^";
  }
}
