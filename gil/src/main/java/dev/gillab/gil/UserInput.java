package dev.gillab.gil;

import dev.gillab.gil.internal.Echo;

/**
 * The public face of the one rule for repeating user input in a message, for modules that write
 * their own messages (the command line's path errors, say): control characters, a terminal escape
 * sequence included, are shown escaped as Python's repr shows them, and anything past {@value
 * Echo#MAX_CHARS} characters is cut, so a hostile name can neither repaint the terminal nor make a
 * megabyte-long line. It delegates to the interpreter's own helper, so every message of the project
 * escapes alike. Stateless.
 */
public final class UserInput {
  private UserInput() {}

  /**
   * Escapes and cuts {@code text} so that a one-line message may repeat it.
   *
   * @param text what the user gave, not null
   * @return {@code text} with each control character, and the line and paragraph separators,
   *     escaped as its code in hex: {@code \x1b} for the escape character, {@code \x0a} for a
   *     newline (not {@code \n} as Python's repr shows it); and, if it is longer than {@value
   *     Echo#MAX_CHARS} characters, cut there and ended with {@code ...}
   */
  public static String echo(String text) {
    return Echo.of(text);
  }
}
