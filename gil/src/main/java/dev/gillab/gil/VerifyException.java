package dev.gillab.gil;

/**
 * A program that may not run: it does not assemble, or the verifier found a fault (a jump to
 * nowhere, a stack depth that differs between paths, an unknown name or builtin). Nothing of the
 * program has executed when this is thrown. The message reads {@code <code>:<line>: <detail>}.
 * Immutable.
 */
public final class VerifyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The name of the code at fault, as given (the message shows it escaped). */
  private final String codeName;

  /** The source line at fault. */
  private final int line;

  /** The message without its prefix. */
  private final String detail;

  /**
   * A fault found at {@code line} of {@code codeName}.
   *
   * @param codeName the name of the code (or assembler source) at fault; the message repeats it
   *     escaped, as {@link UserInput#echo} does
   * @param line the 1-based source line at fault
   * @param detail what is wrong, without the {@code <code>:<line>: } prefix
   */
  public VerifyException(String codeName, int line, String detail) {
    super(dev.gillab.gil.internal.Echo.of(codeName) + ":" + line + ": " + detail);
    this.codeName = codeName;
    this.line = line;
    this.detail = detail;
  }

  /** {@return the name of the code (or assembler source) at fault, as given, not escaped} */
  public String codeName() {
    return codeName;
  }

  /** {@return the 1-based source line at fault (for built code, the instruction's line)} */
  public int line() {
    return line;
  }

  /** {@return the message without the {@code <code>:<line>: } prefix} */
  public String detail() {
    return detail;
  }
}
