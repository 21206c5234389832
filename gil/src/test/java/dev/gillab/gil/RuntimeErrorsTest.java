package dev.gillab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runtime errors name the line, never crash the JVM, and leave no object behind. */
class RuntimeErrorsTest {

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "LOAD_CONST \"a\"|LOAD_CONST 1|BINARY_OP -|RETURN_VALUE;"
            + "t:3: TypeError: unsupported operand type(s) for -: 'str' and 'int'",
        "LOAD_CONST 1|LOAD_CONST 1000|BINARY_OP //=|RETURN_VALUE;t:4: ok",
        "LOAD_CONST 7|LOAD_CONST 0|BINARY_OP //|RETURN_VALUE;"
            + "t:3: ZeroDivisionError: integer division or modulo by zero",
        "LOAD_CONST 7|LOAD_CONST 0|BINARY_OP %|RETURN_VALUE;"
            + "t:3: ZeroDivisionError: integer modulo by zero",
        "LOAD_CONST 9223372036854775807|LOAD_CONST 1|BINARY_OP +|RETURN_VALUE;"
            + "t:3: OverflowError: int result does not fit in 64 bits",
        "LOAD_GLOBAL nowhere|RETURN_VALUE;t:1: NameError: name 'nowhere' is not defined",
        "LOAD_CONST False|POP_JUMP_IF_FALSE skip|LOAD_CONST 1|STORE_FAST x|skip: LOAD_FAST x|RETURN_VALUE;"
            + "t:5: UnboundLocalError: cannot access local variable 'x' where it is not associated with a value",
        "LOAD_CONST 5|CALL len 1|RETURN_VALUE;t:2: TypeError: object of type 'int' has no len()",
        "LOAD_CONST \"a\"|LOAD_CONST 1|COMPARE_OP <|RETURN_VALUE;"
            + "t:3: TypeError: '<' not supported between instances of 'str' and 'int'",
        "LOAD_CONST 1|LOAD_CONST 2|LIST_APPEND 1|RETURN_VALUE;t:3: TypeError: LIST_APPEND needs a list, got 'int'",
        "BUILD_LIST 0|COPY 1|COPY 1|LIST_APPEND 1|POP_TOP|RETURN_VALUE;"
            + "t:4: ValueError: appending would make a list contain itself: reference counting cannot free a cycle",
        "LOAD_CONST \"ab\"|LOAD_CONST 10000000|BINARY_OP *|RETURN_VALUE;"
            + "t:3: MemoryError: result of 20000000 items is over the limit of 1048576",
        "LOAD_CONST -1|CALL sleep 1|RETURN_VALUE;t:2: ValueError: sleep length must be non-negative",
        "loop: JUMP_BACKWARD loop;t:1: BudgetExceeded: instruction budget of 1000 exhausted",
      })
  void errorNamesTheLineAndNothingLeaks(String source, String message) {
    Code code = Assembler.assemble("t", source.replace("|", "\n"));
    try (Interpreter in = Interpreter.builder().instructionBudget(1000).build()) {
      in.load(code);
      long constants = in.heap().stats().live();
      if (message.endsWith("ok")) {
        assertEquals(0L, in.run(code));
      } else {
        InterpreterError e = assertThrows(InterpreterError.class, () -> in.run(code));
        assertEquals(message, e.getMessage());
      }
      assertEquals(constants, in.heap().stats().live(), "the failed frame released everything");
      Closing.assertFreesEverything(in);
    }
  }

  @Test
  void errorsInNestedFramesReleaseEveryFrame() {
    // f(n): builds a list per frame, recurses without end
    Code f =
        Assembler.assemble(
            "f",
            """
            .params n
            LOAD_FAST n
            LOAD_CONST 100000
            BINARY_OP +
            BUILD_LIST 1
            STORE_FAST keep
            LOAD_FAST n
            LOAD_CONST 1
            BINARY_OP +
            CALL f 1
            RETURN_VALUE\
            """);
    try (Interpreter in = Interpreter.builder().function("f", f).maxFrameDepth(50).build()) {
      long constants = in.heap().stats().live();
      InterpreterError e = assertThrows(InterpreterError.class, () -> in.run(f, 0L));
      assertEquals("f:2: RecursionError: maximum recursion depth exceeded", e.getMessage());
      assertEquals(constants, in.heap().stats().live());
    }
  }

  @Test
  void aHostFunctionThatThrowsIsARuntimeError() {
    try (Interpreter in =
        Interpreter.builder()
            .releasingBuiltin(
                "read",
                0,
                args -> {
                  throw new IOException("disk on fire");
                })
            .build()) {
      Code c = Assembler.assemble("io", "CALL read 0\nRETURN_VALUE");
      InterpreterError e = assertThrows(InterpreterError.class, () -> in.run(c));
      assertEquals(
          "io:1: RuntimeError: host function 'read' failed: java.io.IOException: disk on fire",
          e.getMessage());
      assertEquals(IOException.class, e.getCause().getClass());
      assertEquals(false, in.gil().isHeldByCurrentThread());
    }
  }

  @Test
  void budgetIsCheckedOnEveryInstructionWhenAsked() {
    Code c = Assembler.assemble("t", "loop: NOP\nNOP\nJUMP_BACKWARD loop");
    try (Interpreter in =
        Interpreter.builder().instructionBudget(10).checkEveryInstruction(true).build()) {
      InterpreterError e = assertThrows(InterpreterError.class, () -> in.run(c));
      assertEquals("t:2: BudgetExceeded: instruction budget of 10 exhausted", e.getMessage());
    }
  }

  @Test
  void allocatingWithoutTheGilIsRefused() {
    try (Interpreter in = Interpreter.builder().name("main").build()) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> in.heap().allocate("x"));
      assertEquals(
          "allocation refused: thread '"
              + Thread.currentThread().getName()
              + "' does not hold the GIL of interpreter 'main'",
          e.getMessage());
    }
  }
}
