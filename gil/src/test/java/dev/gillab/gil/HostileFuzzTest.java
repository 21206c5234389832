package dev.gillab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.gil.python.PythonCompiler;
import dev.gillab.gil.python.PythonSyntaxError;
import dev.gillab.refcount.CountStrategy;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random Python programs built to blow up, from a fixed seed: loops that grow strs and lists
 * without end, repeats and concatenations of big operands, comparisons, searches, joins and reprs
 * of them, with and without a GIL. Each runs under a small byte budget and instruction budget and
 * must end — normally or in a Python error, MemoryError and BudgetExceeded among them — with no
 * Java exception or error escaping (no {@code OutOfMemoryError}), no object alive, no byte charged
 * and no leak reported once its interpreter closes. The budgets alone bound each run: the only wait
 * is the guard against a hang.
 */
class HostileFuzzTest {
  private static final int PROGRAMS = Integer.getInteger("fuzz.hostile.programs", 10_000);
  private static final String[] NAMES = {"a", "b", "c", "n"};
  private static final String[] SIZES = {"0", "1", "3", "1000", "100000", "1000000"};

  @Test
  void hostileProgramsEndAsPythonErrorsWithTheHeapClean() {
    assertTimeoutPreemptively(Duration.ofMinutes(5), this::fuzz);
  }

  private void fuzz() {
    SplittableRandom rnd = new SplittableRandom(Long.getLong("fuzz.seed", 20261203L));
    PrintStream devNull = new PrintStream(OutputStream.nullOutputStream());
    Map<String, Integer> outcomes = new TreeMap<>();
    for (int i = 0; i < PROGRAMS; i++) {
      String source = program(rnd);
      Code code;
      try {
        code = PythonCompiler.compile(source, "fuzz" + i + ".py");
      } catch (PythonSyntaxError e) {
        throw new AssertionError("a generated program that cannot compile:\n" + source, e);
      }
      boolean free = rnd.nextInt(8) == 0;
      List<String> leaks = new ArrayList<>();
      Interpreter in =
          Interpreter.builder()
              .out(devNull)
              .err(devNull)
              .policy(free ? SwitchingPolicy.none() : SwitchingPolicy.interval())
              .countStrategy(free ? CountStrategy.ATOMIC : CountStrategy.PLAIN)
              .maxMemory((1L + rnd.nextInt(4)) << 20)
              .instructionBudget(new long[] {1_000, 20_000, 200_000}[rnd.nextInt(3)])
              .checkEveryInstruction(rnd.nextInt(4) == 0)
              .leakSink(leaks::add)
              .build();
      String outcome = "ran";
      try {
        in.exec(code);
      } catch (InterpreterError e) {
        outcome = e.kind();
      } catch (RuntimeException | Error e) { // OutOfMemoryError included
        throw new AssertionError(source, e);
      } finally {
        in.close();
      }
      outcomes.merge(outcome, 1, Integer::sum);
      assertEquals(0, in.heap().stats().live(), source);
      assertEquals(List.of(), leaks, source);
      assertEquals(0, in.memoryUsed(), source);
    }
    System.out.println("HostileFuzzTest outcomes of " + PROGRAMS + " programs: " + outcomes);
    assertTrue(outcomes.getOrDefault("MemoryError", 0) > PROGRAMS / 20, outcomes::toString);
    assertTrue(outcomes.getOrDefault("BudgetExceeded", 0) > PROGRAMS / 20, outcomes::toString);
    assertTrue(outcomes.getOrDefault("ran", 0) > PROGRAMS / 20, outcomes::toString);
  }

  /** Four names bound first, then a few statements, some of them loops without end. */
  private static String program(SplittableRandom rnd) {
    StringBuilder p = new StringBuilder("a = 0\nb = 'ab'\nc = [1, 2]\nn = 0\n");
    int statements = 1 + rnd.nextInt(5);
    for (int i = 0; i < statements; i++) {
      statement(rnd, p, "");
    }
    return p.toString();
  }

  private static void statement(SplittableRandom rnd, StringBuilder p, String indent) {
    String name = NAMES[rnd.nextInt(3)];
    switch (rnd.nextInt(9)) {
      case 0, 1 -> p.append(indent).append(name).append(" = ").append(expr(rnd, 2)).append('\n');
      case 2 -> p.append(indent).append("print(").append(expr(rnd, 2)).append(")\n");
      case 3 -> p.append(indent).append(name).append(" += ").append(expr(rnd, 1)).append('\n');
      case 4 -> p.append(indent).append(name).append(".append(").append(expr(rnd, 2)).append(")\n");
      case 5 -> p.append(indent).append(name).append(" *= ").append(size(rnd)).append('\n');
      default -> {
        if (!indent.isEmpty()) {
          p.append(indent)
              .append(name)
              .append(" = ")
              .append(name)
              .append(" + ")
              .append(name)
              .append('\n');
          return;
        }
        p.append(rnd.nextBoolean() ? "while True:\n" : "while n < " + size(rnd) + ":\n");
        int body = 1 + rnd.nextInt(3);
        for (int i = 0; i < body; i++) {
          statement(rnd, p, "    ");
        }
        p.append("    n += 1\n");
      }
    }
  }

  private static String size(SplittableRandom rnd) {
    return SIZES[rnd.nextInt(SIZES.length)];
  }

  private static String expr(SplittableRandom rnd, int depth) {
    if (depth == 0) {
      return switch (rnd.nextInt(6)) {
        case 0 -> size(rnd);
        case 1 -> "'ab'";
        case 2 -> "[0]";
        default -> NAMES[rnd.nextInt(NAMES.length)];
      };
    }
    String x = expr(rnd, depth - 1);
    String y = expr(rnd, depth - 1);
    return switch (rnd.nextInt(22)) {
      case 0, 1 -> x + " * " + size(rnd);
      case 2 -> x + " + " + y;
      case 3 -> "[" + x + "] * " + size(rnd);
      case 4 -> x + " == " + y;
      case 5 -> x + " < " + y;
      case 6 -> x + " in " + y;
      case 7 -> "list(range(" + size(rnd) + "))";
      case 8 -> "list(" + x + ")";
      case 9 -> "tuple(" + x + ")";
      case 10 -> "sorted(" + x + ")";
      case 11 -> "repr(" + x + ")";
      case 12 -> "str(" + x + ")";
      case 13 -> "'-'.join(" + x + ")";
      case 14 -> "len(" + x + ")";
      case 15 -> "str(" + x + ").replace('', 'xy')";
      case 16 -> "str(" + x + ").split('0')";
      case 17 -> "str(" + x + ").upper()";
      case 18 ->
          x.contains("\"") || y.contains("\"") // no nesting: 3.11 has no reused quotes
              ? "[" + x + "]"
              : "f\"{" + x + "}{" + y + "!r}\"";
      case 19 -> "max(" + x + ")";
      case 20 -> "sum(" + x + ", [])";
      default -> "[" + x + ", " + y + "]";
    };
  }
}
