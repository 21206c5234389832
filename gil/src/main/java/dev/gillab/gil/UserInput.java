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

  /** {@code text} as a one-line message may repeat it. */
  public static String echo(String text) {
    return Echo.of(text);
  }
}
