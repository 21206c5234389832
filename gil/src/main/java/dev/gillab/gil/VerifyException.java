package dev.gillab.gil;

/**
 * A program that may not run: it does not assemble, or the verifier found a fault (a jump to
 * nowhere, a stack depth that differs between paths, an unknown name or builtin). Nothing of the
 * program has executed when this is thrown. The message reads {@code <code>:<line>: <detail>}.
 * Immutable.
 */
public final class VerifyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String codeName;
  private final int line;
  private final String detail;

  public VerifyException(String codeName, int line, String detail) {
    super(dev.gillab.gil.internal.Echo.of(codeName) + ":" + line + ": " + detail);
    this.codeName = codeName;
    this.line = line;
    this.detail = detail;
  }

  /** The name of the code (or assembler source) at fault. */
  public String codeName() {
    return codeName;
  }

  /** The 1-based source line at fault (for built code, the instruction's line). */
  public int line() {
    return line;
  }

  /** The message without the {@code <code>:<line>: } prefix. */
  public String detail() {
    return detail;
  }
}
