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
   *
   * @param filename the file the code came from, as a traceback prints it
   * @param codeName the code's name: {@code <module>}, or the function's name
   * @param line the source line running in the code when the error passed through it
   * @serial exclude
   */
  // "@serial exclude" keeps the record off the serialized-form page: JDK 17's javadoc asks there
  // for comments on a record's implicit fields, which cannot carry any (fixed in JDK 18 and 19).
  // The tag is valid on a class; Error Prone's check does not know that form.
  @SuppressWarnings("InvalidBlockTag")
  public record Frame(String filename, String codeName, int line) implements Serializable {
    /**
     * Checks the names.
     *
     * @param filename the file the code came from, not null
     * @param codeName the code's name, not null
     * @param line the source line running in the code
     * @throws NullPointerException if {@code filename} or {@code codeName} is null
     */
    public Frame {
      checkNotNull(filename, "filename");
      checkNotNull(codeName, "codeName");
    }
  }

  /** The innermost frame's code name, {@code ?} if there is none. */
  private final String codeName;

  /** The innermost frame's line, 0 if there is none. */
  private final int line;

  /** The Python exception type. */
  private final String kind;

  /** The message without the prefix. */
  private final String detail;

  /** The frames the error unwound, outermost first. */
  private final ImmutableList<Frame> traceback;

  /**
   * An error with a one-frame traceback: the code (its name also as the file) and the line.
   *
   * @param codeName the name of the code whose instruction failed, not null
   * @param line the source line of the failing instruction
   * @param kind the Python exception type, such as {@code TypeError}
   * @param detail the message without the prefix, not null; empty for none
   * @param cause the Java exception behind the error, or null
   */
  public InterpreterError(String codeName, int line, String kind, String detail, Throwable cause) {
    this(kind, detail, List.of(new Frame(codeName, codeName, line)), cause);
  }

  /**
   * An error with its traceback, outermost frame first; the innermost frame names the code and line
   * of the message. An empty traceback (an error outside any frame) names {@code ?} and 0.
   *
   * @param kind the Python exception type, such as {@code TypeError}
   * @param detail the message without the prefix, not null; empty for none
   * @param traceback the frames the error unwound, outermost first; copied
   * @param cause the Java exception behind the error, or null
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
   *
   * @return the frames, an immutable list; empty for an error raised outside any frame
   */
  public List<Frame> traceback() {
    return traceback;
  }

  /**
   * {@return the name of the code whose instruction failed (the innermost frame), or {@code ?} if
   * the traceback is empty}
   */
  public String codeName() {
    return codeName;
  }

  /** {@return the source line of the failing instruction, or 0 if the traceback is empty} */
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
   *
   * @return the type's name
   */
  public String kind() {
    return kind;
  }

  /**
   * {@return the message without the {@code <code>:<line>: <Kind>: } prefix; empty for an error
   * without one, such as a bare {@code assert}}
   */
  public String detail() {
    return detail;
  }
}
