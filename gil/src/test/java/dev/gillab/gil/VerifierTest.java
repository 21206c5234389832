package dev.gillab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every fault the assembler and verifier report, with its exact message. */
class VerifierTest {

  private static String fault(String source) {
    return assertThrows(
            VerifyException.class, () -> Assembler.assemble("t", source.replace("|", "\n")))
        .getMessage();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = ';',
      value = {
        // structure
        "'';t:1: code has no instructions",
        "# only a comment;t:1: code has no instructions",
        "LOAD_CONST 1|JUMP_FORWARD nowhere|RETURN_VALUE;t:2: jump target 'nowhere' is not defined",
        "a: NOP|a: LOAD_CONST 1|RETURN_VALUE;t:2: label 'a' is defined twice (first at line 1)",
        "a: LOAD_CONST True|POP_JUMP_IF_FALSE a|LOAD_CONST 1|RETURN_VALUE;"
            + "t:2: POP_JUMP_IF_FALSE must jump forward, but its target is line 1",
        "LOAD_CONST 1|JUMP_BACKWARD a|a: RETURN_VALUE;"
            + "t:2: JUMP_BACKWARD must jump backward, but its target is line 3",
        "LOAD_CONST 1|a: JUMP_FORWARD a|RETURN_VALUE;"
            + "t:2: JUMP_FORWARD must jump forward, but its target is itself",
        "LOAD_CONST 1|JUMP_FORWARD end|RETURN_VALUE|end:;t:2: control runs off the end of the code",
        "LOAD_CONST 1|STORE_FAST x;t:2: control runs off the end of the code",
        // stack depth
        "POP_TOP|LOAD_CONST 1|RETURN_VALUE;t:1: POP_TOP needs 1 value on the stack, has 0",
        "LOAD_CONST 1|BINARY_OP +|RETURN_VALUE;t:2: BINARY_OP needs 2 values on the stack, has 1",
        "LOAD_CONST 1|COPY 2|RETURN_VALUE;t:2: COPY needs 2 values on the stack, has 1",
        "LOAD_CONST 1|LIST_APPEND 1|RETURN_VALUE;t:2: LIST_APPEND needs 2 values on the stack, has 1",
        "CALL print 2|RETURN_VALUE;t:1: CALL needs 2 values on the stack, has 0",
        "LOAD_CONST 1|LOAD_CONST 2|RETURN_VALUE;t:3: RETURN_VALUE needs exactly 1 value on the stack, has 2",
        "LOAD_CONST True|POP_JUMP_IF_TRUE j|LOAD_CONST 1|j: LOAD_CONST 2|RETURN_VALUE;"
            + "t:4: stack depth is 1 coming from line 3 but 0 coming from line 2",
        "a: LOAD_CONST 1|JUMP_BACKWARD a;t:1: stack depth is 1 coming from line 2 but 0 at the start",
        // operands and names
        "LOAD_FAST x|RETURN_VALUE;t:1: local 'x' is never assigned",
        "LOAD_CONST 1|COPY 0|RETURN_VALUE;t:2: COPY needs an operand of at least 1, got 0",
        "BUILD_LIST 0|LIST_APPEND 0|RETURN_VALUE;t:2: LIST_APPEND needs an operand of at least 1, got 0",
        "BUILD_LIST -1|RETURN_VALUE;t:1: BUILD_LIST needs a count of at least 0, got -1",
        "CALL print -1|RETURN_VALUE;t:1: CALL needs an argument count of at least 0, got -1",
        // assembler text
        "LOAD_CONST 1|FROB|RETURN_VALUE;t:2: unknown instruction 'FROB'",
        "LOAD_CONST|RETURN_VALUE;t:1: LOAD_CONST takes 1 operand, got 0",
        "LOAD_CONST 1|RETURN_VALUE 1;t:2: RETURN_VALUE takes no operand, got 1",
        "CALL print|RETURN_VALUE;t:1: CALL takes a builtin name and an argument count, got 1",
        "LOAD_CONST 1x|RETURN_VALUE;t:1: bad constant '1x'",
        "LOAD_CONST 99999999999999999999|RETURN_VALUE;t:1: int constant out of 64-bit range: 99999999999999999999",
        "LOAD_CONST 1|STORE_FAST 9x|LOAD_CONST 1|RETURN_VALUE;t:2: '9x' is not a name",
        "LOAD_CONST 1|LOAD_CONST 1|BINARY_OP **|RETURN_VALUE;t:3: unknown binary operator '**'",
        "LOAD_CONST 1|LOAD_CONST 1|COMPARE_OP <>|RETURN_VALUE;t:3: unknown comparison '<>'",
        "BUILD_LIST many|RETURN_VALUE;t:1: bad count 'many'",
        "LOAD_CONST \"abc|RETURN_VALUE;t:1: unterminated string",
        "LOAD_CONST \"a\\qb\"|RETURN_VALUE;t:1: bad escape '\\q' in string",
        ".locals x|LOAD_CONST 1|RETURN_VALUE;t:1: unknown directive '.locals'",
        "LOAD_CONST 1|.params x|RETURN_VALUE;t:2: .params must come before the first instruction",
        ".params x x|LOAD_CONST 1|RETURN_VALUE;t:1: parameter 'x' is named twice",
        ".params a|.params b|LOAD_CONST 1|RETURN_VALUE;t:2: .params is given twice",
        ".params|.params b|LOAD_CONST 1|RETURN_VALUE;t:2: .params is given twice",
      })
  void faultIsNamedWithItsLine(String source, String message) {
    assertEquals(message, fault(source));
  }

  @Test
  void stackDeeperThanTheLimitIsRefused() {
    String pushes =
        IntStream.range(0, 1025).mapToObj(i -> "LOAD_CONST 1").collect(Collectors.joining("|"));
    assertEquals("t:1025: stack depth exceeds the limit of 1024", fault(pushes + "|RETURN_VALUE"));
  }

  @Test
  void unknownBuiltinAndWrongArgumentCountAreFoundBeforeAnythingRuns() {
    try (Interpreter in = Interpreter.create()) {
      Code unknown = Assembler.assemble("t", "LOAD_CONST 1\nCALL frobnicate 1\nRETURN_VALUE");
      assertEquals(
          "t:2: unknown builtin 'frobnicate'",
          assertThrows(VerifyException.class, () -> in.run(unknown)).getMessage());
      Code arity = Assembler.assemble("t", "LOAD_CONST 1\nLOAD_CONST 1\nCALL len 2\nRETURN_VALUE");
      VerifyException e = assertThrows(VerifyException.class, () -> in.start(arity));
      assertEquals("t:3: builtin 'len' takes 1 argument, CALL passes 2", e.getMessage());
      assertEquals(3, e.line());
      assertEquals("builtin 'len' takes 1 argument, CALL passes 2", e.detail());
      assertEquals(0, in.heap().stats().live(), "nothing was allocated for refused code");
    }
  }

  @Test
  void builderFaultsNameTheInstructionPosition() {
    VerifyException e =
        assertThrows(
            VerifyException.class, () -> Code.builder("b").loadConst(1).popTop().popTop().build());
    assertEquals("b:3: POP_TOP needs 1 value on the stack, has 0", e.getMessage());
  }

  @Test
  void duplicateParamLeavesTheBuilderAsItWas() {
    CodeBuilder b = Code.builder("b");
    VerifyException e = assertThrows(VerifyException.class, () -> b.params("x", "y", "x"));
    assertEquals("b:1: parameter 'x' is named twice", e.getMessage());
    Code c = b.params("n").loadFast("n").returnValue().build();
    assertEquals(List.of("n"), c.params());
  }

  @Test
  void paramsTwiceSaysTheyAreAlreadyNamed() {
    CodeBuilder b = Code.builder("b").params("x");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.params("y"));
    assertEquals("params were already named: [x]", e.getMessage());
  }

  @Test
  void paramsAfterAnInstructionAreRefused() {
    CodeBuilder b = Code.builder("b").nop();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.params("y"));
    assertEquals("params must come before any instruction", e.getMessage());
  }

  @Test
  void settersAfterBuildAreRefused() {
    CodeBuilder b = Code.builder("b").loadNone().returnValue();
    b.build();
    for (Executable call :
        List.<Executable>of(
            () -> b.params(),
            () -> b.label("end"),
            () -> b.filename("f.py"),
            () -> b.firstLine(2),
            () -> b.line(2))) {
      IllegalStateException e = assertThrows(IllegalStateException.class, call);
      assertEquals("build() was already called", e.getMessage());
    }
  }

  @Test
  void anUnreachableJumpToTheEndDisassemblesWithItsLabelAndAssemblesBack() {
    Code c =
        Code.builder("c")
            .loadNone()
            .returnValue()
            .jump(Opcode.JUMP_FORWARD, "end")
            .label("end")
            .build();
    String text = c.disassemble();
    assertEquals("    LOAD_CONST None\n    RETURN_VALUE\n    JUMP_FORWARD L3\nL3:\n", text);
    Code again = Assembler.assemble("again", text);
    assertEquals(text, again.disassemble());
  }

  @Test
  void disassemblyAssemblesBackToTheSameInstructions() {
    Code c = Examples.countdown();
    Code again = Assembler.assemble("again", c.disassemble());
    assertEquals(c.instructions().size(), again.instructions().size());
    for (int i = 0; i < c.instructions().size(); i++) {
      assertEquals(c.instructions().get(i).opcode(), again.instructions().get(i).opcode());
      assertEquals(
          c.operandText(c.instructions().get(i)).replaceAll("L\\d+", "L"),
          again.operandText(again.instructions().get(i)).replaceAll("L\\d+", "L"));
    }
  }
}
