package dev.gillab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.gil.python.PythonCompiler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterpreterTest {
  private final Captured printed = new Captured();

  /** {@code programs/seed.py}, the seed's snippet as written; closing frees its globals. */
  @Test
  void seedSnippetPrintsTwoThenThree() {
    try (Interpreter in = Interpreter.builder().out(printed.stream()).build()) {
      in.exec(Examples.module("seed.py"));
      assertEquals("2\n3\n", printed.lines());
      Closing.assertFreesEverything(in);
    }
  }

  @Test
  void countdownReturnsZeroAndLeavesNothingAlive() {
    try (Interpreter in = Interpreter.create()) {
      assertEquals(0L, in.run(Examples.countdown(), 100_000L));
      assertEquals(0, in.heap().stats().live());
    }
  }

  @Test
  void printFormatsLikePython() {
    Code c =
        Assembler.assemble(
            "p",
            """
            LOAD_CONST 1
            LOAD_CONST "it's"
            LOAD_CONST None
            LOAD_CONST True
            BUILD_LIST 4
            LOAD_CONST "x"
            LOAD_CONST -7
            CALL print 3
            RETURN_VALUE\
            """);
    try (Interpreter in = Interpreter.builder().out(printed.stream()).build()) {
      assertEquals(null, in.run(c));
      assertEquals("[1, \"it's\", None, True] x -7\n", printed.lines());
      assertEquals(3, in.heap().stats().live()); // "it's", "x" and -7, held by the code
      Closing.assertFreesEverything(in);
    }
  }

  @Test
  void listsStringsAndArithmetic() {
    Code c =
        Assembler.assemble(
            "ops",
            """
            LOAD_CONST "ab"
            LOAD_CONST 3
            BINARY_OP *
            LOAD_CONST -7
            LOAD_CONST 2
            BINARY_OP //
            LOAD_CONST -7
            LOAD_CONST 2
            BINARY_OP %
            LOAD_CONST True
            LOAD_CONST 1
            BINARY_OP +
            BUILD_LIST 0
            LOAD_CONST 5
            LIST_APPEND 1
            COPY 1
            BINARY_OP +
            CALL len 1
            BUILD_LIST 5
            RETURN_VALUE\
            """);
    try (Interpreter in = Interpreter.create()) {
      in.load(c);
      long constants = in.heap().stats().live();
      assertEquals(Arrays.asList("ababab", -4L, 1L, 2L, 2L), in.run(c));
      assertEquals(constants, in.heap().stats().live());
      Closing.assertFreesEverything(in);
    }
  }

  @Test
  void globalsAreSharedAndReleasedOnClose() {
    Code set =
        Assembler.assemble("set", "LOAD_CONST 1000\nSTORE_GLOBAL g\nLOAD_CONST None\nRETURN_VALUE");
    Code get = Assembler.assemble("get", "LOAD_GLOBAL g\nRETURN_VALUE");
    Interpreter in = Interpreter.create();
    in.run(set);
    assertEquals(1000L, in.run(get));
    assertEquals(java.util.Map.of("g", 1000L), in.globals());
    assertTrue(in.heap().stats().live() > 0);
    Closing.assertFreesEverything(in);
  }

  @Test
  void registeredCodeIsCallableAndRecursive() {
    // fact(n): return 1 if n <= 1 else n * fact(n - 1)
    Code fact =
        Assembler.assemble(
            "fact",
            """
            .params n
                LOAD_FAST n
                LOAD_CONST 1
                COMPARE_OP <=
                POP_JUMP_IF_FALSE rec
                LOAD_CONST 1
                RETURN_VALUE
            rec: LOAD_FAST n
                LOAD_FAST n
                LOAD_CONST 1
                BINARY_OP -
                CALL fact 1
                BINARY_OP *
                RETURN_VALUE\
            """);
    try (Interpreter in = Interpreter.builder().function("fact", fact).build()) {
      assertEquals(2432902008176640000L, in.run(fact, 20L));
      InterpreterError e = assertThrows(InterpreterError.class, () -> in.run(fact, 21L));
      assertEquals("fact:13: OverflowError: int result does not fit in 64 bits", e.getMessage());
      InterpreterError deep = assertThrows(InterpreterError.class, () -> in.run(fact, 500L));
      assertEquals("RecursionError", deep.kind());
      assertEquals(0, in.heap().stats().live()); // fact's constants are small ints: immortal
    }
  }

  @Test
  void hostFunctionsSeeJavaValues() {
    try (Interpreter in =
        Interpreter.builder()
            .builtin("twice", 1, args -> List.of(args.get(0), args.get(0)))
            .build()) {
      Code c = Assembler.assemble("h", "LOAD_CONST \"x\"\nCALL twice 1\nRETURN_VALUE");
      assertEquals(List.of("x", "x"), in.run(c));
      assertEquals(in.heap().stats().live(), 1); // the constant "x"
    }
  }

  @Test
  void argumentsConvertBothWays() {
    Code id = Assembler.assemble("id", ".params x\nLOAD_FAST x\nRETURN_VALUE");
    try (Interpreter in = Interpreter.create()) {
      List<Object> nested = Arrays.asList(1L, "a", null, true, List.of(2L));
      assertEquals(nested, in.run(id, nested));
      assertEquals(1.5, in.run(id, 1.5));
      assertEquals(1.5, in.run(id, 1.5f));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> in.run(id, 'c'));
      assertEquals("a Java java.lang.Character has no interpreter value", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> in.run(id));
      assertEquals(0, in.heap().stats().live());
    }
  }

  /** A Double goes in as a float, as a float comes out as a Double. */
  @Test
  void doublesGoInAsFloats() {
    try (Interpreter in =
        Interpreter.builder()
            .out(printed.stream())
            .builtin("half", 1, args -> ((Long) args.get(0)) / 2.0)
            .build()) {
      in.setGlobal("g", 0.25);
      in.exec(PythonCompiler.compile("h = half(3)\nprint(h, g + 1)\n", "f.py"));
      assertEquals("1.5 1.25\n", printed.lines());
      assertEquals(1.5, in.globals().get("h"));
    }
  }

  /**
   * A host function's result that cannot become a Python value raises TypeError naming the
   * function; one that can but is too big or too deep raises what the conversion raised
   * (MemoryError, RecursionError), as a value the program made itself would.
   */
  @Test
  void aHostResultThatCannotConvertRaisesWhatTheConversionFound() {
    List<Object> deep = new ArrayList<>();
    List<Object> inner = deep;
    for (int i = 0; i < 1_000; i++) {
      List<Object> next = new ArrayList<>();
      inner.add(next);
      inner = next;
    }
    List<Object> big = Collections.nCopies(1 << 20, "x".repeat(64));
    try (Interpreter in =
        Interpreter.builder()
            .maxMemory(Interpreter.MIN_MAX_MEMORY)
            .builtin("char", 0, args -> 'c')
            .builtin("deep", 0, args -> deep)
            .builtin("big", 0, args -> big)
            .build()) {
      assertEquals(
          "<module>:1: TypeError: host function 'char' returned a java.lang.Character, which has no"
              + " interpreter value",
          raisedBy(in, "char()").getMessage());
      assertEquals("RecursionError", raisedBy(in, "deep()").kind());
      assertEquals("MemoryError", raisedBy(in, "big()").kind());
      assertEquals(0, in.heap().stats().live());
    }
  }

  private static InterpreterError raisedBy(Interpreter in, String python) {
    return assertThrows(
        InterpreterError.class, () -> in.exec(PythonCompiler.compile(python + "\n", "f.py")));
  }

  /**
   * A thread factory that fails leaves no thread counted, so the interpreter still closes: {@code
   * close()} at the end of each block refuses while a thread is counted.
   */
  @Test
  void aFailedStartCountsNoThread() {
    Code id = Assembler.assemble("id", "LOAD_CONST None\nRETURN_VALUE");
    try (Interpreter throwing =
        Interpreter.builder()
            .threadFactory(
                r -> {
                  throw new IllegalStateException("no threads today");
                })
            .build()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> throwing.start(id));
      assertEquals("no threads today", e.getMessage());
      assertEquals(0, throwing.runningThreads());
    }
    try (Interpreter nulls = Interpreter.builder().threadFactory(r -> null).build()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> nulls.start(id));
      assertEquals(
          "the thread factory of interpreter 'interpreter' made no thread", e.getMessage());
      assertEquals(0, nulls.runningThreads());
    }
  }
}
