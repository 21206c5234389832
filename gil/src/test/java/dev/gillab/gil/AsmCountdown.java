package dev.gillab.gil;

import java.util.ArrayList;
import java.util.List;

/** The countdown loop in gil assembler, written by hand, for the tests and benches built on it. */
public final class AsmCountdown {
  private AsmCountdown() {}

  /**
   * {@code while n > 0: n -= 1}, returning {@code n}: the loop of {@code countdown.py} ({@link
   * Examples#countdown()}) as it was written before the compiler.
   */
  public static String source() {
    return source(List.of());
  }

  /**
   * A program of one parameter {@code n}: {@code before}, then {@code while n > 0: <body>; n -= 1},
   * returning {@code n} — 0 once every turn ran. A jump to {@code end}, from {@code before} or the
   * body, returns at once.
   */
  public static String source(List<String> before, String... body) {
    List<String> lines = new ArrayList<>();
    lines.add(".params n");
    lines.addAll(before);
    lines.addAll(
        List.of(
            "loop: LOAD_FAST n",
            "    LOAD_CONST 0",
            "    COMPARE_OP >",
            "    POP_JUMP_IF_FALSE end"));
    lines.addAll(List.of(body));
    lines.addAll(
        List.of(
            "    LOAD_FAST n",
            "    LOAD_CONST 1",
            "    BINARY_OP -=",
            "    STORE_FAST n",
            "    JUMP_BACKWARD loop",
            "end: LOAD_FAST n",
            "    RETURN_VALUE"));
    return String.join("\n", lines);
  }
}
