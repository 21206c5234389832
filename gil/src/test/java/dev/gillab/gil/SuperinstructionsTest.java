package dev.gillab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused instructions (on by default) behave exactly as the plain ones (which run when the
 * breaker is checked on every instruction): same result or error, same line, same number of
 * instructions counted, same objects left.
 */
class SuperinstructionsTest {
  private static String outcome(Code code, boolean every, Object arg) {
    try (Interpreter in =
        Interpreter.builder().checkEveryInstruction(every).instructionBudget(100_000).build()) {
      in.load(code);
      long constants = in.heap().stats().live();
      InterpreterThread t = in.start(code, arg);
      String result;
      try {
        t.join(java.time.Duration.ofSeconds(30));
        result = String.valueOf(t.result());
      } catch (InterpreterError e) {
        result = e.getMessage();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      return result
          + " / executed: "
          + t.executed()
          + " / live after: "
          + (in.heap().stats().live() - constants);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "LOAD_FAST x|LOAD_CONST 300|BINARY_OP +=|STORE_FAST x|LOAD_FAST x|RETURN_VALUE",
        "LOAD_FAST x|LOAD_CONST 0|BINARY_OP //|STORE_FAST y|LOAD_FAST y|RETURN_VALUE",
        "LOAD_FAST x|LOAD_CONST 9223372036854775807|BINARY_OP *|STORE_FAST x|LOAD_FAST x|RETURN_VALUE",
        "LOAD_FAST x|LOAD_CONST \"s\"|BINARY_OP +|STORE_FAST x|LOAD_FAST x|RETURN_VALUE",
        "LOAD_FAST x|COPY 1|STORE_FAST y|LOAD_CONST 1000|BINARY_OP -|STORE_FAST x|BUILD_LIST 0|"
            + "LOAD_FAST x|LIST_APPEND 1|LOAD_FAST y|LIST_APPEND 1|RETURN_VALUE",
        "l: LOAD_FAST x|LOAD_CONST 0|COMPARE_OP >|POP_JUMP_IF_FALSE e|LOAD_FAST x|LOAD_CONST 7|"
            + "BINARY_OP -=|STORE_FAST x|JUMP_BACKWARD l|e: LOAD_FAST x|RETURN_VALUE",
        "LOAD_FAST x|LOAD_CONST \"a\"|COMPARE_OP ==|POP_JUMP_IF_TRUE t|LOAD_CONST 1|RETURN_VALUE|"
            + "t: LOAD_CONST 2|RETURN_VALUE",
        "LOAD_FAST x|LOAD_CONST \"a\"|COMPARE_OP <|POP_JUMP_IF_TRUE t|LOAD_CONST 1|RETURN_VALUE|"
            + "t: LOAD_CONST 2|RETURN_VALUE",
      })
  void fusedAndPlainAgree(String body) {
    Code code = Assembler.assemble("s", ".params x|".replace("|", "\n") + body.replace("|", "\n"));
    for (Object arg : new Object[] {1000L, 5L, 100L, "a", true}) {
      assertEquals(outcome(code, true, arg), outcome(code, false, arg), body + " with " + arg);
    }
  }
}
