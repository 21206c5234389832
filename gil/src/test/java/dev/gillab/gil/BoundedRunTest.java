package dev.gillab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Splitter;
import com.google.common.collect.Iterables;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile programs through the command line: a memory bomb ends as CPython's {@code MemoryError}
 * and one instruction on huge operands stops at the instruction budget, each as a Python error
 * (exit 1) with its traceback, never as a Java error or a run without end.
 */
class BoundedRunTest {
  @TempDir Path dir;

  private final Captured out = new Captured();
  private final Captured err = new Captured();

  private int runMain(String... args) throws Exception {
    return Main.run(args, out.stream(), err.stream());
  }

  private Path program(String name, String... lines) throws Exception {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  private String lastErrLine() {
    return Iterables.getLast(Splitter.on('\n').omitEmptyStrings().split(err.lines()), "");
  }

  /** The bomb: each turn keeps a new str of a million chars alive. */
  @Test
  void theStrAppendBombEndsInMemoryError() throws Exception {
    Path p =
        program(
            "bomb.py",
            "s = 'a' * 1000000",
            "kept = []",
            "n = 0",
            "while True:",
            "    kept.append(s + 'b')",
            "    n += 1");
    assertEquals(1, runMain("--max-memory", "16m", p.toString()), err.lines());
    assertEquals("MemoryError", lastErrLine(), err.lines());
    assertTrue(err.lines().startsWith("Traceback (most recent call last):\n"), err.lines());
    assertTrue(err.lines().contains("    kept.append(s + 'b')\n"), err.lines());
  }

  @Test
  void aRepeatPastTheBudgetIsRefusedBeforeItIsBuilt() throws Exception {
    Path p = program("repeat.py", "xs = [0] * 1000000", "print(len(xs))");
    assertEquals(1, runMain("--max-memory", "2m", p.toString()), err.lines());
    assertEquals("MemoryError", lastErrLine(), err.lines());
  }

  @Test
  void listEqualityOnHugeListsStopsAtTheInstructionBudget() throws Exception {
    Path p = program("eq.py", "a = [0] * 1000000", "b = [0] * 1000000", "print(a == b)");
    // Making the lists costs 2,000,000 (an item each); the comparison is what passes the budget.
    assertEquals(1, runMain("--budget", "2500000", p.toString()), err.lines());
    assertTrue(
        err.lines()
            .endsWith(
                """
            line 3, in <module>
                print(a == b)
            BudgetExceeded: instruction budget of 2500000 exhausted
            """),
        err.lines());
    assertEquals("", out.lines());
  }

  @Test
  void aRepeatedStrIsChargedToTheInstructionBudget() throws Exception {
    Path p = program("mul.py", "s = 'ab' * 500000", "print(len(s))");
    assertEquals(1, runMain("--budget", "1000", p.toString()), err.lines());
    assertEquals(
        "BudgetExceeded: instruction budget of 1000 exhausted", lastErrLine(), err.lines());
  }

  @Test
  void aMaxMemoryBelowTheFloorOrNotASizeIsAUsageError() throws Exception {
    Path p = program("ok.py", "print(1)");
    assertEquals(2, runMain("--max-memory", "64k", p.toString()));
    assertEquals("--max-memory must be at least 1m (1048576 bytes), was 64k", lastErrLine());
    err.reset();
    assertEquals(2, runMain("--max-memory", "lots", p.toString()));
    assertEquals(
        "--max-memory must be a size such as 512m, 64MiB or 1g, was 'lots'", lastErrLine());
    err.reset();
    assertEquals(0, runMain("--max-memory", "64MiB", p.toString()), err.lines());
    assertEquals("1\n", out.lines());
  }
}
