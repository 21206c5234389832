package dev.gillab.gil.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gillab.gil.Code;
import dev.gillab.gil.Instruction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every instruction carries the line of the statement or expression it comes from. */
class LinesTest {

  private static List<String> lines(Code code) {
    List<String> out = new ArrayList<>();
    for (Instruction in : code.instructions()) {
      String operand = code.operandText(in);
      out.add(in.line() + " " + in.opcode() + (operand.isEmpty() ? "" : " " + operand));
    }
    return out;
  }

  @Test
  void statementsCarryTheirLines() {
    Code m = Disassembly.compile("x = 1\n\n# comment\ny = x +\\\n  2\nprint(y)\n");
    assertEquals(
        List.of(
            "1 LOAD_CONST 1",
            "1 STORE_GLOBAL x",
            "4 LOAD_GLOBAL x",
            "5 LOAD_CONST 2",
            "4 BINARY_OP +",
            "4 STORE_GLOBAL y",
            "6 LOAD_GLOBAL print",
            "6 LOAD_GLOBAL y",
            "6 CALL_FUNCTION 1",
            "6 POP_TOP",
            "6 LOAD_CONST None",
            "6 RETURN_VALUE"),
        lines(m));
  }

  @Test
  void aCallOverSeveralLinesKeepsEachArgumentsLine() {
    Code m = Disassembly.compile("f(\n    a,\n    k=b,\n)\n");
    assertEquals(
        List.of(
            "1 LOAD_GLOBAL f",
            "2 LOAD_GLOBAL a",
            "3 LOAD_GLOBAL b",
            "1 LOAD_CONST (\"k\",)",
            "1 CALL_FUNCTION_KW 2",
            "1 POP_TOP",
            "1 LOAD_CONST None",
            "1 RETURN_VALUE"),
        lines(m));
  }

  @Test
  void functionsKeepFileLinesAndTheirDefLine() {
    Code m =
        Disassembly.compile(
            "import sys\n\ndef f(n):\n    while n > 0:\n        n -= 1\n    return n\n");
    Code f = m.nestedCodes().get(0);
    assertEquals(3, f.firstLine());
    assertEquals(
        List.of(
            "4 LOAD_FAST n",
            "4 LOAD_CONST 0",
            "4 COMPARE_OP >",
            "4 POP_JUMP_IF_FALSE L9",
            "5 LOAD_FAST n",
            "5 LOAD_CONST 1",
            "5 BINARY_OP -=",
            "5 STORE_FAST n",
            "4 JUMP_BACKWARD L0",
            "6 LOAD_FAST n",
            "6 RETURN_VALUE"),
        lines(f));
    assertEquals("3 LOAD_CONST <code f>", lines(m).get(2));
  }

  @Test
  void loopMachineryCarriesTheLoopsLine() {
    Code m = Disassembly.compile("for x in xs:\n    with m:\n        pass\n");
    assertEquals(
        List.of(
            "1 LOAD_GLOBAL xs",
            "1 GET_ITER",
            "1 FOR_ITER L14",
            "1 STORE_GLOBAL x",
            "2 LOAD_GLOBAL m",
            "2 BEFORE_WITH",
            "2 POP_TOP",
            "3 NOP",
            "2 LOAD_CONST None",
            "2 LOAD_CONST None",
            "2 LOAD_CONST None",
            "2 CALL_FUNCTION 3",
            "2 POP_TOP",
            "1 JUMP_BACKWARD L2",
            "1 LOAD_CONST None",
            "1 RETURN_VALUE"),
        lines(m));
  }
}
