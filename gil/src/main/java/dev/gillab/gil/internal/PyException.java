package dev.gillab.gil.internal;

/**
 * A Python-level error raised inside the eval loop or a builtin, before the loop adds the code
 * name and line and turns it into an {@code InterpreterError}. Carries no stack trace: it is
 * control flow, and cheap to throw.
 */
public final class PyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String kind;

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

  public static PyException type(String detail) {
    return new PyException("TypeError", detail);
  }
}
