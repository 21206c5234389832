package dev.gillab.gil;

/**
 * An error the program raised while running: a wrong type, division by zero, an undefined name,
 * too deep a call chain, an exhausted instruction budget. It names the code and the line, as a
 * Python traceback's last line does: {@code <code>:<line>: <Kind>: <detail>}, for example {@code
 * countdown:7: ZeroDivisionError: integer division or modulo by zero}. The interpreter has
 * released everything the failing frames held when this is thrown; the JVM is unharmed.
 * Immutable.
 */
public final class InterpreterError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String codeName;
  private final int line;
  private final String kind;
  private final String detail;

  public InterpreterError(String codeName, int line, String kind, String detail, Throwable cause) {
    super(codeName + ":" + line + ": " + kind + ": " + detail, cause);
    this.codeName = codeName;
    this.line = line;
    this.kind = kind;
    this.detail = detail;
  }

  /** The code whose instruction failed (the innermost frame). */
  public String codeName() {
    return codeName;
  }

  /** The source line of the failing instruction. */
  public int line() {
    return line;
  }

  /**
   * The Python exception type: {@code TypeError}, {@code ZeroDivisionError}, {@code NameError},
   * {@code UnboundLocalError}, {@code OverflowError}, {@code MemoryError}, {@code ValueError},
   * {@code RecursionError}, {@code BudgetExceeded}, {@code InterruptedError}, {@code
   * RuntimeError} (a host function threw).
   */
  public String kind() {
    return kind;
  }

  /** The message without the prefix. */
  public String detail() {
    return detail;
  }
}
