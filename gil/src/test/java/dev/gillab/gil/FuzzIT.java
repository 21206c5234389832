package dev.gillab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random instruction sequences, 10,000 of them from a fixed seed, now and then with a {@code
 * .params} directive: each is either refused by the assembler or verifier, or runs to a result or
 * an interpreter error within its budget. None hangs, no other exception escapes, and every
 * interpreter closes with no object left alive.
 */
class FuzzIT {
  private static final int PROGRAMS = 10_000;
  private static final String[] OPS = {
    "LOAD_CONST",
    "LOAD_FAST",
    "STORE_FAST",
    "LOAD_GLOBAL",
    "STORE_GLOBAL",
    "BINARY_OP",
    "COMPARE_OP",
    "POP_JUMP_IF_FALSE",
    "POP_JUMP_IF_TRUE",
    "JUMP_FORWARD",
    "JUMP_BACKWARD",
    "BUILD_LIST",
    "LIST_APPEND",
    "CALL",
    "POP_TOP",
    "COPY",
    "RETURN_VALUE",
    "NOP"
  };
  private static final String[] CONSTS = {
    "0",
    "1",
    "-1",
    "7",
    "300",
    "-6",
    "9223372036854775807",
    "None",
    "True",
    "False",
    "\"\"",
    "\"ab\"",
    "\"x\\n\""
  };
  private static final String[] BIN = {"+", "-", "*", "//", "%", "+=", "-=", "*=", "//=", "%="};
  private static final String[] CMP = {"<", "<=", "==", "!=", ">", ">="};
  private static final String[] NAMES = {"a", "b", "c"};
  private static final String[] CALLS = {
    "print 0", "print 1", "print 2", "len 1", "getrefcount 1", "echo 1", "io 1", "self 0", "self 0"
  };

  @Test
  void randomProgramsNeverHangOrEscape() {
    assertTimeoutPreemptively(Duration.ofSeconds(90), this::fuzz);
  }

  private void fuzz() {
    SplittableRandom rnd = new SplittableRandom(20240601L);
    PrintStream devNull = new PrintStream(OutputStream.nullOutputStream());
    int refused = 0;
    int ran = 0;
    int raised = 0;
    for (int i = 0; i < PROGRAMS; i++) {
      String source = program(rnd);
      Code code;
      try {
        code = Assembler.assemble("fuzz" + i, source);
      } catch (VerifyException e) {
        refused++;
        continue;
      }
      boolean every = rnd.nextInt(4) == 0;
      List<String> leaks = new ArrayList<>();
      Interpreter in;
      try {
        in =
            Interpreter.builder()
                .out(devNull)
                .instructionBudget(2_000)
                .maxFrameDepth(20)
                .checkEveryInstruction(every)
                .leakSink(leaks::add)
                .builtin("echo", 1, args -> args.get(0))
                .releasingBuiltin("io", 1, args -> args.get(0))
                .function("self", code)
                .build();
      } catch (VerifyException e) {
        refused++;
        continue;
      }
      try {
        in.run(code);
        ran++;
      } catch (VerifyException e) {
        refused++;
      } catch (InterpreterError e) {
        raised++;
      } catch (RuntimeException e) {
        fail("program " + i + " escaped with " + e + "\n" + source, e);
      } finally {
        in.close();
      }
      assertEquals(List.of(), leaks, source);
      assertEquals(0, in.heap().stats().live(), source);
    }
    assertEquals(PROGRAMS, refused + ran + raised);
    System.out.printf("fuzz: %d refused, %d ran, %d raised%n", refused, ran, raised);
    assertTrue(ran > 200, "enough programs ran: " + ran);
    assertTrue(refused > 1000, "enough programs refused: " + refused);
    assertTrue(raised > 1000, "enough programs raised: " + raised);
  }

  /**
   * A program built from depth-balanced statements (assignments, ifs, while loops, calls), with now
   * and then a random instruction dropped in, so that about half pass the verifier.
   */
  private static String program(SplittableRandom rnd) {
    Gen g = new Gen(rnd);
    // Now and then the .params directive, mostly in forms the assembler must refuse (twice, a
    // name twice, after an instruction); a program that keeps parameters could not be run here.
    switch (rnd.nextInt(40)) {
      case 0 -> g.line(".params");
      case 1 -> g.line(".params").line(".params");
      case 2 -> g.line(".params a").line(".params b");
      case 3 -> g.line(".params a a");
      case 4 -> g.line("NOP").line(".params a");
      default -> {}
    }
    for (String local : NAMES) {
      if (rnd.nextInt(5) != 0) {
        g.out
            .append("LOAD_CONST ")
            .append(CONSTS[rnd.nextInt(CONSTS.length)])
            .append("\nSTORE_FAST ")
            .append(local)
            .append('\n');
      }
    }
    if (rnd.nextInt(6) == 0) {
      g.line("CALL self 0").line("POP_TOP");
    }
    int statements = 1 + rnd.nextInt(6);
    for (int i = 0; i < statements; i++) {
      g.statement(0);
    }
    g.expr(0);
    g.line("RETURN_VALUE");
    return g.out.toString();
  }

  private static final class Gen {
    final SplittableRandom rnd;
    final StringBuilder out = new StringBuilder();
    int labels;

    Gen(SplittableRandom rnd) {
      this.rnd = rnd;
    }

    Gen line(String s) {
      if (rnd.nextInt(120) == 0) {
        String op = OPS[rnd.nextInt(OPS.length)];
        out.append(op).append(operand(rnd, op, Math.max(1, labels))).append('\n');
      }
      out.append(s).append('\n');
      return this;
    }

    void statement(int nesting) {
      int kind = rnd.nextInt(nesting >= 2 ? 3 : 5);
      switch (kind) {
        case 0 -> {
          expr(0);
          line((rnd.nextBoolean() ? "STORE_FAST " : "STORE_GLOBAL ") + NAMES[rnd.nextInt(3)]);
        }
        case 1 -> {
          expr(0);
          line("POP_TOP");
        }
        case 2 -> {
          line("BUILD_LIST 0");
          expr(1);
          line("LIST_APPEND 1");
          line("STORE_FAST " + NAMES[rnd.nextInt(3)]);
        }
        case 3 -> {
          String end = "L" + labels++;
          expr(0);
          line((rnd.nextBoolean() ? "POP_JUMP_IF_FALSE " : "POP_JUMP_IF_TRUE ") + end);
          statement(nesting + 1);
          out.append(end).append(": ");
          line("NOP");
        }
        default -> {
          String head = "L" + labels++;
          String end = "L" + labels++;
          out.append(head).append(": ");
          expr(0);
          line("POP_JUMP_IF_FALSE " + end);
          statement(nesting + 1);
          statement(nesting + 1);
          line("JUMP_BACKWARD " + head);
          out.append(end).append(": ");
          line("NOP");
        }
      }
    }

    void expr(int depth) {
      int kind = depth >= 3 ? rnd.nextInt(3) : rnd.nextInt(8);
      switch (kind) {
        case 0 -> line("LOAD_CONST " + CONSTS[rnd.nextInt(CONSTS.length)]);
        case 1 -> line("LOAD_FAST " + NAMES[rnd.nextInt(3)]);
        case 2 -> line("LOAD_GLOBAL " + NAMES[rnd.nextInt(3)]);
        case 3 -> {
          expr(depth + 1);
          expr(depth + 1);
          line("BINARY_OP " + BIN[rnd.nextInt(BIN.length)]);
        }
        case 4 -> {
          expr(depth + 1);
          expr(depth + 1);
          line("COMPARE_OP " + CMP[rnd.nextInt(CMP.length)]);
        }
        case 5 -> {
          int n = rnd.nextInt(3);
          for (int i = 0; i < n; i++) {
            expr(depth + 1);
          }
          line("BUILD_LIST " + n);
        }
        case 6 -> {
          String call = CALLS[rnd.nextInt(CALLS.length)];
          int argc = call.charAt(call.length() - 1) - '0';
          for (int i = 0; i < argc; i++) {
            expr(depth + 1);
          }
          line("CALL " + call);
        }
        default -> {
          expr(depth + 1);
          line("COPY 1");
          line("POP_TOP");
        }
      }
    }
  }

  private static String operand(SplittableRandom rnd, String op, int labels) {
    return switch (op) {
      case "LOAD_CONST" -> " " + CONSTS[rnd.nextInt(CONSTS.length)];
      case "LOAD_FAST", "STORE_FAST", "LOAD_GLOBAL", "STORE_GLOBAL" ->
          " " + NAMES[rnd.nextInt(NAMES.length)];
      case "BINARY_OP" -> " " + BIN[rnd.nextInt(BIN.length)];
      case "COMPARE_OP" -> " " + CMP[rnd.nextInt(CMP.length)];
      case "POP_JUMP_IF_FALSE", "POP_JUMP_IF_TRUE", "JUMP_FORWARD", "JUMP_BACKWARD" ->
          " L" + rnd.nextInt(labels);
      case "BUILD_LIST" -> " " + rnd.nextInt(3);
      case "LIST_APPEND", "COPY" -> " " + (1 + rnd.nextInt(3));
      case "CALL" -> " " + CALLS[rnd.nextInt(CALLS.length)];
      default -> "";
    };
  }
}
