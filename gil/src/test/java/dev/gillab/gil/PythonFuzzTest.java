package dev.gillab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random programs over the Python opcodes, from a fixed seed: each is refused by the verifier or
 * runs to its end or to an {@link InterpreterError} within its budget. No other exception escapes
 * (a wrong program is the program's error, never a Java one), and every interpreter closes with no
 * object alive and no leak reported. Threads and time are left out: a random program could wait for
 * ever on a lock it holds, as it could in CPython. Each runs under the smallest byte budget too,
 * and gives back every byte it was charged.
 */
class PythonFuzzTest {
  private static final int PROGRAMS = Integer.getInteger("fuzz.programs", 3_000);
  private static final Object[] CONSTS = {
    0L, 1L, -1L, 2L, 2.5, "ab", "", null, true, List.of(1L, "a"), List.of(), List.of("end")
  };
  private static final String[] GLOBALS = {
    "a", "b", "print", "len", "range", "list", "tuple", "str", "sorted", "sum", "min", "max", "int",
    "float", "abs", "repr", "bool", "nope"
  };
  private static final String[] ATTRS = {
    "append",
    "pop",
    "insert",
    "extend",
    "index",
    "count",
    "remove",
    "reverse",
    "sort",
    "join",
    "split",
    "strip",
    "upper",
    "replace",
    "find",
    "isdigit",
    "getrefcount",
    "foo",
    "getswitchinterval"
  };
  private static final Code F =
      PyAsm.function("f", "p", 1, "LOAD_FAST p\nLOAD_FAST p\nBUILD_TUPLE 2\nRETURN_VALUE");

  @Test
  void randomProgramsNeverEscapeOrLeak() {
    assertTimeoutPreemptively(Duration.ofMinutes(2), this::fuzz);
  }

  private void fuzz() {
    SplittableRandom rnd = new SplittableRandom(Long.getLong("fuzz.seed", 20261202L));
    PrintStream devNull = new PrintStream(OutputStream.nullOutputStream());
    int ran = 0;
    for (int i = 0; i < PROGRAMS; i++) {
      Code code;
      try {
        code = program(rnd, "fuzz" + i);
      } catch (VerifyException e) {
        continue;
      }
      List<String> leaks = new ArrayList<>();
      Interpreter in =
          Interpreter.builder()
              .out(devNull)
              .err(devNull)
              .instructionBudget(2_000)
              .maxMemory(Interpreter.MIN_MAX_MEMORY)
              .maxFrameDepth(20)
              .checkEveryInstruction(rnd.nextInt(4) == 0)
              .leakSink(leaks::add)
              .build();
      try {
        in.exec(code);
      } catch (InterpreterError e) {
        // the program's own error
      } catch (RuntimeException e) {
        throw new AssertionError(code.disassemble(), e);
      } finally {
        in.close();
      }
      assertEquals(0, in.heap().stats().live(), code.disassemble());
      assertEquals(List.of(), leaks, code.disassemble());
      assertEquals(0, in.memoryUsed(), code.disassemble());
      ran++;
    }
    assertTrue(ran > PROGRAMS / 10, "too few programs verified: " + ran);
  }

  /** A pending forward jump: its label and the stack depth at its target. */
  private record Pending(String label, int depth) {}

  /**
   * A random program that mostly verifies: it tracks the stack depth, loads when an instruction
   * would need more than there is, places a jump's label only where the depth matches, and pops
   * what is left before it returns.
   */
  @SuppressWarnings("EnumOrdinal") // a random index into values() only picks an operator
  private static Code program(SplittableRandom rnd, String name) {
    CodeBuilder b = Code.builder(name);
    int n = 4 + rnd.nextInt(16);
    int labels = 0;
    int d = 0;
    List<Pending> pending = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < pending.size(); j++) {
        if (pending.get(j).depth() == d && rnd.nextInt(2) == 0) {
          b.label(pending.remove(j).label());
          break;
        }
      }
      int k = rnd.nextInt(31);
      int[] needPop = needs(k, rnd);
      if (needPop[0] > d) {
        k = rnd.nextBoolean() ? 0 : 4;
        needPop = needs(k, rnd);
      }
      int arg = needPop[2];
      switch (k) {
        case 0, 1, 2, 3 -> {
          Object c = CONSTS[rnd.nextInt(CONSTS.length)];
          b.loadConst(rnd.nextInt(12) == 0 ? F : c);
        }
        case 4, 5 -> b.loadGlobal(GLOBALS[rnd.nextInt(GLOBALS.length)]);
        case 6 -> b.storeGlobal(rnd.nextBoolean() ? "a" : "b");
        case 7 -> b.op(Opcode.LOAD_ATTR, ATTRS[rnd.nextInt(ATTRS.length)]);
        case 8 -> b.op(Opcode.CALL_FUNCTION, arg);
        case 9 -> b.op(Opcode.CALL_FUNCTION_KW, arg);
        case 10 -> b.binaryOp(BinaryOp.values()[rnd.nextInt(BinaryOp.values().length)]);
        case 11 -> b.compareOp(CompareOp.values()[rnd.nextInt(CompareOp.values().length)]);
        case 12 -> b.op(rnd.nextBoolean() ? Opcode.UNARY_NEGATIVE : Opcode.UNARY_NOT);
        case 13 -> b.op(Opcode.BINARY_SUBSCR);
        case 14 -> b.op(Opcode.STORE_SUBSCR);
        case 15 -> b.op(rnd.nextBoolean() ? Opcode.BUILD_LIST : Opcode.BUILD_TUPLE, arg);
        case 16 -> b.op(Opcode.UNPACK_SEQUENCE, arg);
        case 17 -> b.op(Opcode.SWAP, arg);
        case 18 -> b.copy(arg);
        case 19 -> b.op(rnd.nextBoolean() ? Opcode.IS_OP : Opcode.CONTAINS_OP, rnd.nextInt(2));
        case 20 -> b.op(Opcode.GET_ITER);
        case 21 -> {
          String l = "L" + labels++;
          b.jump(Opcode.FOR_ITER, l);
          pending.add(new Pending(l, d - 1));
        }
        case 22 -> b.op(Opcode.IMPORT_NAME, rnd.nextBoolean() ? "sys" : "os");
        case 23 -> b.op(Opcode.MAKE_FUNCTION);
        case 24 -> b.op(Opcode.FORMAT_VALUE, rnd.nextInt(2));
        case 25 -> b.op(Opcode.BUILD_STRING, arg);
        case 26 -> b.popTop();
        case 27 -> b.op(Opcode.RAISE_ASSERTION, arg);
        case 28 -> {
          String l = "L" + labels++;
          b.popJumpIfFalse(l);
          pending.add(new Pending(l, d - 1));
        }
        case 29 -> b.op(Opcode.DELETE_SUBSCR);
        default -> b.op(Opcode.LIST_APPEND, arg);
      }
      d += needPop[1];
    }
    for (Pending p : pending) {
      while (d > p.depth()) {
        b.popTop();
        d--;
      }
      while (d < p.depth()) {
        b.loadNone();
        d++;
      }
      b.label(p.label());
    }
    for (; d > 0; d--) {
      b.popTop();
    }
    b.loadNone().returnValue();
    return b.build();
  }

  /** For instruction kind {@code k}: the depth it needs, its net effect, and its operand. */
  private static int[] needs(int k, SplittableRandom rnd) {
    int arg = 0;
    return switch (k) {
      case 0, 1, 2, 3, 4, 5, 22 -> new int[] {0, 1, 0};
      case 6, 26, 28 -> new int[] {1, -1, 0};
      case 7, 12, 20, 23, 24 -> new int[] {1, 0, 0};
      case 8 -> {
        arg = rnd.nextInt(3);
        yield new int[] {arg + 1, -arg, arg};
      }
      case 9 -> {
        arg = 1 + rnd.nextInt(2);
        yield new int[] {arg + 2, -arg - 1, arg};
      }
      case 10, 11, 13, 19 -> new int[] {2, -1, 0};
      case 14 -> new int[] {3, -3, 0};
      case 15 -> {
        arg = rnd.nextInt(4);
        yield new int[] {arg, 1 - arg, arg};
      }
      case 16 -> {
        arg = 1 + rnd.nextInt(3);
        yield new int[] {1, arg - 1, arg};
      }
      case 17 -> {
        arg = 2 + rnd.nextInt(2);
        yield new int[] {arg, 0, arg};
      }
      case 18 -> {
        arg = 1 + rnd.nextInt(2);
        yield new int[] {arg, 1, arg};
      }
      case 21 -> new int[] {1, 1, 0};
      case 25 -> {
        arg = rnd.nextInt(3);
        yield new int[] {arg, 1 - arg, arg};
      }
      case 27 -> {
        arg = rnd.nextInt(2);
        yield new int[] {arg, 0, arg};
      }
      case 29 -> new int[] {2, -2, 0};
      default -> {
        arg = 1 + rnd.nextInt(2);
        yield new int[] {arg + 1, -1, arg};
      }
    };
  }
}
