package dev.gillab.gil.internal;

import dev.gillab.gil.InterpreterError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Python-level error raised inside the eval loop or a builtin, before the loop adds the code name
 * and line and turns it into an {@code InterpreterError}. Carries no stack trace: it is control
 * flow, and cheap to throw.
 */
public final class PyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String kind;

  /** The frames the error has unwound so far, innermost first; confined to the raising thread. */
  @SuppressWarnings("serial") // never serialized: it does not leave the interpreter
  private final List<InterpreterError.Frame> frames = new ArrayList<>();

  public PyException(String kind, String detail) {
    super(detail, null, false, false);
    this.kind = kind;
  }

  public PyException(String kind, String detail, Throwable cause) {
    super(detail, cause, false, false);
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }

  /** Records that the error unwound through a frame at {@code line}. */
  void addFrame(String filename, String codeName, int line) {
    frames.add(new InterpreterError.Frame(filename, codeName, line));
  }

  /** The error as the interpreter's users see it, the traceback outermost first. */
  public InterpreterError toError() {
    List<InterpreterError.Frame> tb = new ArrayList<>(frames);
    Collections.reverse(tb);
    return new InterpreterError(kind, getMessage(), tb, getCause());
  }

  public static PyException type(String detail) {
    return new PyException("TypeError", detail);
  }
}
