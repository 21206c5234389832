package dev.gillab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The check an interpreter test ends with: closing the interpreter frees every object. */
final class Closing {
  private Closing() {}

  /**
   * Closes {@code in} and checks that no object is left alive on its heap. Closing again later, as
   * a try-with-resources does, is a no-op.
   */
  static void assertFreesEverything(Interpreter in) {
    in.close();
    assertEquals(0, in.heap().stats().live(), "objects alive after close");
  }
}
