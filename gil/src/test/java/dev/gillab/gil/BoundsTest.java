package dev.gillab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.gil.python.PythonCompiler;
import dev.gillab.refcount.CountStrategy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The heap's byte budget and the instruction budget's element work, program by program: a bomb ends
 * as a Python error, with every object freed and every byte given back, and a program under the
 * budgets runs as it always did.
 */
class BoundsTest {
  private static final long SMALL = 4L << 20;

  /** What a run printed and raised; the heap is checked clean after close. */
  private record Run(String out, InterpreterError error) {}

  private static Run run(String source, UnaryOperator<Interpreter.Builder> config) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> leaks = new ArrayList<>();
    Interpreter in =
        config
            .apply(
                Interpreter.builder()
                    .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                    .leakSink(leaks::add))
            .build();
    InterpreterError error = null;
    try {
      in.exec(PythonCompiler.compile(source, "t.py"));
    } catch (InterpreterError e) {
      error = e;
    } finally {
      in.close();
    }
    assertEquals(0, in.heap().stats().live(), "objects alive after close");
    assertEquals(List.of(), leaks);
    assertEquals(0, in.memoryUsed(), "bytes still charged after close");
    return new Run(out.toString(StandardCharsets.UTF_8).replace("\r", ""), error);
  }

  private static InterpreterError error(String source, UnaryOperator<Interpreter.Builder> config) {
    Run r = run(source, config);
    assertTrue(r.error() != null, "expected an error, printed: " + r.out());
    return r.error();
  }

  private static void assertMemoryError(String source) {
    InterpreterError e = error(source, b -> b.maxMemory(SMALL));
    assertEquals("MemoryError", e.kind(), e.getMessage());
    assertEquals("", e.detail());
  }

  private static void assertBudgetExceeded(String source, long budget) {
    InterpreterError e = error(source, b -> b.instructionBudget(budget));
    assertEquals("BudgetExceeded", e.kind(), e.getMessage());
  }

  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  static Stream<Arguments> policies() {
    return Stream.of(
        Arguments.of(SwitchingPolicy.interval(), CountStrategy.PLAIN),
        Arguments.of(SwitchingPolicy.interval(), CountStrategy.BIASED),
        Arguments.of(SwitchingPolicy.none(), CountStrategy.ATOMIC),
        Arguments.of(SwitchingPolicy.none(), CountStrategy.BIASED));
  }

  @ParameterizedTest
  @MethodSource("policies")
  void theStrAppendBombEndsInMemoryErrorWithTheHeapClean(
      SwitchingPolicy policy, CountStrategy counts) {
    InterpreterError e =
        error(
            lines("s = 'a' * 1000000", "kept = []", "while True:", "    kept.append(s + 'b')"),
            b -> b.policy(policy).countStrategy(counts).maxMemory(SMALL * 4));
    assertEquals("MemoryError", e.kind());
    assertEquals(4, e.traceback().get(0).line());
  }

  @Test
  void theDefaultBudgetStopsTheBombToo() {
    InterpreterError e =
        error(
            lines("s = 'a' * 1000000", "kept = []", "while True:", "    kept.append(s + 'b')"),
            b -> b);
    assertEquals("MemoryError", e.kind());
  }

  @Test
  void bombsOfEveryShapeEndInMemoryError() {
    assertMemoryError("xs = [0] * 1000000\n"); // 8 MB of slots, refused before it is built
    assertMemoryError(lines("xs = []", "while True:", "    xs.append([0] * 10000)"));
    assertMemoryError(lines("xs = []", "while True:", "    xs.append(len(xs) + 1000)"));
    assertMemoryError(lines("xs = [0] * 100000", "xs *= 10"));
    assertMemoryError(lines("xs = [0] * 100000", "ys = xs + xs + xs + xs + xs + xs"));
    assertMemoryError("xs = list(range(1000000))\n");
    assertMemoryError("t = tuple(range(1000000))\n");
    // Each result below is under the size limit of 2**20 items; together they pass 4 MiB.
    assertMemoryError(
        lines(
            "s = 'ab' * 200000",
            "t = '-'.join([s, s])",
            "u = '+'.join([s, s])",
            "v = '*'.join([s, s])"));
    assertMemoryError(
        lines("s = 'ab' * 300000", "t = s.replace('a', 'aa')", "u = s.replace('b', 'bb')"));
    assertMemoryError(
        lines(
            "s = 'a' * 1000",
            "t = s.replace('', 'b' * 1000)",
            "u = s.replace('', 'c' * 1000)",
            "v = s.replace('', 'd' * 1000)"));
    assertMemoryError(lines("s = 'ab' * 500000", "t = s.upper()", "u = s.lower()"));
    assertMemoryError(lines("s = 'a b ' * 200000", "parts = s.split()"));
    assertMemoryError(lines("s = 'a' * 500000", "t = f'{s}{s}'", "u = f'{s}{s}'"));
  }

  @Test
  void aReprOfASharedListIsBoundedByTheRoomLeft() {
    // Nine million items printed as "0, ": 27 MB of text from 24 KB of lists.
    assertMemoryError(lines("a = [0] * 3000", "b = [a] * 3000", "print(b)"));
    assertMemoryError(lines("a = [0] * 3000", "b = [a] * 3000", "s = repr(b)"));
    assertMemoryError(lines("a = [0] * 3000", "b = [a] * 3000", "s = str(b)"));
    assertMemoryError(lines("a = [0] * 3000", "b = [a] * 3000", "s = f'{b!r}'"));
  }

  @Test
  void aRefusedAllocationLeavesTheListAsItWas() {
    Run r =
        run(
            lines("xs = []", "n = 0", "while n < 10:", "    xs.append('x' * 400000)", "    n += 1"),
            b -> b.maxMemory(SMALL));
    assertEquals("MemoryError", r.error().kind());
  }

  @Test
  void equalityOfHugeListsStopsAtTheBudget() {
    String big = lines("a = [0] * 1000000", "b = [0] * 1000000");
    assertBudgetExceeded(big + "print(a == b)\n", 2_500_000);
    assertBudgetExceeded(big + "print(a < b)\n", 2_500_000);
    assertBudgetExceeded(big + "print(a != b)\n", 2_500_000);
    // Shared lists compare item by item too: 1000 x 1000 comparisons, not 1000.
    assertBudgetExceeded(
        lines("a = [0] * 1000", "b = [a] * 1000", "c = [list(a)] * 1000", "print(b == c)"),
        500_000);
  }

  @Test
  void elementWorkOfEveryKindIsCharged() {
    assertBudgetExceeded("xs = [0] * 1000000\n", 100_000);
    assertBudgetExceeded("s = 'ab' * 500000\n", 10_000);
    assertBudgetExceeded(lines("xs = [0] * 100000", "ys = xs + xs"), 200_000);
    assertBudgetExceeded(lines("xs = [0] * 100000", "print(1 in xs)"), 150_000);
    assertBudgetExceeded(lines("xs = [0] * 100000", "print(xs.count(1))"), 150_000);
    assertBudgetExceeded(lines("xs = list(range(100000))", "ys = sorted(xs)"), 150_000);
    assertBudgetExceeded(lines("s = 'a' * 100000", "print(('a' * 1000 + 'b') in s)"), 100_000);
    assertBudgetExceeded(lines("xs = ['ab'] * 100000", "s = ''.join(xs)"), 150_000);
    assertBudgetExceeded(lines("xs = [0] * 100000", "print(len(repr(xs)))"), 150_000);
    // A loop of cheap instructions, each appending a list its cycle check walks whole.
    assertBudgetExceeded(
        lines(
            "a = [[0]] * 10000",
            "b = []",
            "n = 0",
            "while n < 1000:",
            "    b.append(a)",
            "    n += 1"),
        100_000);
  }

  @Test
  void programsUnderTheBudgetsRunAsBefore() {
    Run ok =
        run(
            lines(
                "a = [1, 2, 3] * 3",
                "print(a == [1, 2, 3, 1, 2, 3, 1, 2, 3], sorted(a)[-1], 'b' in 'abc')",
                "print('-'.join(['x', 'y']), repr(a[0]))"),
            b -> b.maxMemory(Interpreter.MIN_MAX_MEMORY).instructionBudget(1_000));
    assertEquals(null, ok.error());
    assertEquals("True 3 True\nx-y 1\n", ok.out());
  }

  @Test
  void aBudgetBelowTheFloorIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Interpreter.builder().maxMemory(1 << 19));
    assertEquals("maxMemory must be at least 1048576 bytes, got 524288", e.getMessage());
  }
}
