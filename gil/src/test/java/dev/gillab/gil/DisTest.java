package dev.gillab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Dis} lays code out as CPython 3.11's {@code dis} does: the expected texts below follow
 * {@code Lib/dis.py}'s columns (line, marker, {@code >>}, offset, opname in 20, argument in 5).
 */
class DisTest {
  @Test
  void countdownReadsAsCPythonsDis() {
    Code code =
        Code.builder("countdown")
            .params("n")
            .line(1)
            .label("loop")
            .loadFast("n")
            .loadConst(0L)
            .compareOp(CompareOp.GT)
            .popJumpIfFalse("end")
            .line(2)
            .loadFast("n")
            .loadConst(1L)
            .binaryOp(BinaryOp.INPLACE_SUBTRACT)
            .storeFast("n")
            .jumpBackward("loop")
            .line(3)
            .label("end")
            .loadFast("n")
            .returnValue()
            .build();
    assertEquals(
        """
          1     >>    0 LOAD_FAST                0 (n)
                      2 LOAD_CONST               0 (0)
                      4 COMPARE_OP               4 (>)
                      6 POP_JUMP_IF_FALSE        5 (to 18)

          2           8 LOAD_FAST                0 (n)
                     10 LOAD_CONST               1 (1)
                     12 BINARY_OP               23 (-=)
                     14 STORE_FAST               0 (n)
                     16 JUMP_BACKWARD            9 (to 0)

          3     >>   18 LOAD_FAST                0 (n)
                     20 RETURN_VALUE
        """,
        Dis.dis(code));
  }

  @Test
  void functionsFollowUnderTheirOwnHeading() {
    Code f =
        Code.builder("f")
            .filename("t.py")
            .firstLine(2)
            .line(3)
            .loadConst(List.of(1L, "a", 2.5))
            .returnValue()
            .build();
    Code module =
        Code.builder("<module>")
            .filename("t.py")
            .line(2)
            .loadConst(f)
            .op(Opcode.MAKE_FUNCTION)
            .storeGlobal("f")
            .line(5)
            .loadNone()
            .returnValue()
            .build();
    assertEquals(
        """
          2           0 LOAD_CONST               0 (<code object f, file "t.py", line 2>)
                      2 MAKE_FUNCTION
                      4 STORE_GLOBAL             0 (f)

          5           6 LOAD_CONST               1 (None)
                      8 RETURN_VALUE

        Disassembly of <code object f, file "t.py", line 2>:
          3           0 LOAD_CONST               0 ((1, 'a', 2.5))
                      2 RETURN_VALUE
        """,
        Dis.dis(module));
  }
}
