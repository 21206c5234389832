package dev.gillab.gil;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.io.Serializable;
import java.util.List;

/**
 * An error the program raised while running: a wrong type, division by zero, an undefined name, too
 * deep a call chain, an exhausted instruction budget. It names the code and the line, as a Python
 * traceback's last line does: {@code <code>:<line>: <Kind>: <detail>}, for example {@code
 * countdown:7: ZeroDivisionError: integer division or modulo by zero}. The interpreter has released
 * everything the failing frames held when this is thrown; the JVM is unharmed. {@link #traceback()}
 * lists every frame the error unwound, as a Python traceback does. An empty detail (a bare {@code
 * assert}) leaves the message at {@code <code>:<line>: <Kind>}. Immutable.
 */
public final class InterpreterError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * One entry of a traceback: the code's file, its name ({@code <module>} for module code, the
   * function's name else) and the line running in it when the error passed.
   */
  public record Frame(String filename, String codeName, int line) implements Serializable {
    public Frame {
      checkNotNull(filename, "filename");
      checkNotNull(codeName, "codeName");
    }
  }

  private final String codeName;
  private final int line;
  private final String kind;
  private final String detail;
  private final ImmutableList<Frame> traceback;

  /** An error with a one-frame traceback: the code (its name also as the file) and the line. */
  public InterpreterError(String codeName, int line, String kind, String detail, Throwable cause) {
    this(kind, detail, List.of(new Frame(codeName, codeName, line)), cause);
  }

  /**
   * An error with its traceback, outermost frame first; the innermost frame names the code and line
   * of the message. An empty traceback (an error outside any frame) names {@code ?} and 0.
   */
  public InterpreterError(String kind, String detail, List<Frame> traceback, Throwable cause) {
    super(message(kind, detail, traceback), cause);
    this.traceback = ImmutableList.copyOf(traceback);
    Frame inner = traceback.isEmpty() ? null : traceback.get(traceback.size() - 1);
    this.codeName = inner == null ? "?" : inner.codeName();
    this.line = inner == null ? 0 : inner.line();
    this.kind = kind;
    this.detail = detail;
  }

  private static String message(String kind, String detail, List<Frame> traceback) {
    Frame inner = traceback.isEmpty() ? null : traceback.get(traceback.size() - 1);
    return (inner == null ? "?" : inner.codeName())
        + ":"
        + (inner == null ? 0 : inner.line())
        + ": "
        + kind
        + (detail.isEmpty() ? "" : ": " + detail);
  }

  /**
   * The frames the error unwound, outermost first (the last is where it was raised), as CPython's
   * traceback lists them.
   */
  public List<Frame> traceback() {
    return traceback;
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
   * {@code RecursionError}, {@code BudgetExceeded}, {@code InterruptedError}, {@code RuntimeError}
   * (a host function threw, or a Python runtime error), {@code IndexError}, {@code AttributeError},
   * {@code AssertionError}, {@code ModuleNotFoundError}, {@code KeyboardInterrupt} (the waiting
   * thread was interrupted).
   */
  public String kind() {
    return kind;
  }

  /** The message without the prefix. */
  public String detail() {
    return detail;
  }
}
