package dev.gillab.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gil-lab run} (and its alias {@code exec}): Python and assembler programs through gil's one
 * runner, with its exit status — 0 ran, 1 an uncaught error, 2 could not run.
 */
class RunCommandTest {
  @TempDir Path dir;

  /** A program file named {@code name} in the test's folder, holding {@code source}. */
  private Path program(String name, String source) throws IOException {
    return Files.writeString(dir.resolve(name), source);
  }

  @Test
  void runsTheSeedsSnippetAsWritten() throws Exception {
    Path p =
        program(
            "seed.py",
            "import sys\n\na = []\nprint(sys.getrefcount(a))\nb = a\nprint(sys.getrefcount(a))\n");
    Cli r = Cli.succeeds("run", p.toString());
    assertEquals("2\n3\n", r.out().replace("\r", ""));
    assertTrue(r.err().startsWith("gil-lab: "), r.err());
  }

  @Test
  void aPythonProgramsThreadsRunUnderThePolicyGiven() throws Exception {
    Path p =
        program(
            "t.py",
            """
        import threading
        lock = threading.Lock()
        total = 0
        def work(n):
            global total
            for _ in range(n):
                with lock:
                    total += 1
        ts = [threading.Thread(target=work, args=(1000,)), threading.Thread(target=work, args=(1000,))]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        print(total)
        """);
    for (String policy : new String[] {"interval", "ticks(1)", "io-priority", "none"}) {
      Cli r = Cli.run("run", "--policy", policy, p.toString());
      assertEquals(0, r.exit(), policy + ": " + r.err());
      assertEquals("2000\n", r.out().replace("\r", ""), policy);
    }
  }

  @Test
  void anUncaughtErrorExitsOneWithCPythonsTraceback() throws Exception {
    Path p = program("div.py", "x = 0\nprint(1 // x)\n");
    Cli r = Cli.run("run", p.toString());
    assertEquals(1, r.exit());
    assertEquals(
        "Traceback (most recent call last):\n"
            + "  File \""
            + p
            + "\", line 2, in <module>\n"
            + "    print(1 // x)\n"
            + "ZeroDivisionError: integer division or modulo by zero\n",
        r.err().replace("\r", "").lines().limit(4).map(l -> l + "\n").reduce("", String::concat));
    UsageErrorsTest.assertNoStackTrace(r);
  }

  @Test
  void aCompileErrorExitsTwoWithTheLineAndACaret() throws Exception {
    Path p = program("bad.py", "while True\n    pass\n");
    Cli r = Cli.run("run", p.toString());
    assertEquals(2, r.exit());
    assertEquals(p + ":1:11: SyntaxError: expected ':'", r.firstErrLine());
    assertEquals("", r.out());
  }

  @Test
  void runsAnAssemblerProgramOnSeveralThreadsWithTrace() throws Exception {
    Path p = Cli.countdownProgram(dir.resolve("countdown.gasm"));
    Cli r =
        Cli.succeeds(
            "exec", "--trace", "--threads", "2", "--policy", "ticks(10)", p.toString(), "50");
    assertEquals("done\ndone\n", r.out().replace("\r", ""));
    String err = r.err().replace("\r", "");
    assertTrue(err.contains("gil-lab: GIL events ("), err);
    assertTrue(err.contains(" TICK "), err); // ticks(10) lets go every 10 instructions
    assertTrue(err.lines().anyMatch(l -> l.trim().startsWith("thread-1 ")), err);
    assertTrue(err.lines().anyMatch(l -> l.trim().startsWith("thread-2 ")), err);
    UsageErrorsTest.assertNoStackTrace(r);
  }

  @Test
  void disShowsTheThreeInstructionWindowOfCounterPlusEquals() throws Exception {
    Path p = program("c.py", "counter = 0\n\ndef work():\n    global counter\n    counter += 1\n");
    Cli r = Cli.succeeds("dis", p.toString());
    String out = r.out().replace("\r", "");
    assertTrue(
        out.contains(
            """
              5           0 LOAD_GLOBAL              0 (counter)
                          2 LOAD_CONST               0 (1)
                          4 BINARY_OP               13 (+=)
                          6 STORE_GLOBAL             0 (counter)\
            """),
        out);
    assertTrue(out.contains("Disassembly of <code object work, file \"" + p + "\", line 3>:"), out);
  }

  @Test
  void optionsThatDoNotApplyAreRefused() throws Exception {
    Path p = program("x.py", "print(1)\n");
    Cli r = Cli.run("run", "--threads", "2", p.toString());
    assertEquals(2, r.exit());
    assertEquals(
        "--threads is for assembler programs: a Python program starts its own threads",
        r.firstErrLine());
    r = Cli.run("run", "--policy", "none", "--count-strategy", "plain", p.toString());
    assertEquals(2, r.exit());
    assertEquals(
        "--count-strategy PLAIN needs a GIL: policy none takes ATOMIC or BIASED", r.firstErrLine());
  }

  /**
   * Options of the experiments, given before run, exec or dis, are refused, not ignored; exec is
   * named as run, whose alias it is.
   */
  @Test
  void experimentOptionsBeforeRunOrDisAreRefused() throws Exception {
    Path p = program("x.py", "print(1)\n");
    String json = dir.resolve("x.json").toString();
    String[][] cases = {
      {"--json", json, "run"},
      {"--workers", "2", "exec"},
      {"--repeats", "2", "run"},
      {"--quick", "exec"},
      {"--adaptive", "run"},
      {"--json", json, "dis"},
      {"--policy", "none", "dis"},
      {"--switch-interval", "1ms", "dis"},
      {"--report", dir.toString(), "dis"},
    };
    for (String[] c : cases) {
      String[] args = java.util.Arrays.copyOf(c, c.length + 1);
      args[c.length] = p.toString();
      Cli r = Cli.run(args);
      assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
      String command = c[c.length - 1].equals("exec") ? "run" : c[c.length - 1];
      assertEquals(c[0] + " does not apply to " + command, r.firstErrLine());
      assertEquals("", r.out(), "nothing ran");
    }
    assertTrue(Files.notExists(dir.resolve("x.json")));
  }

  @Test
  void aMemoryBombEndsInMemoryErrorUnderMaxMemory() throws Exception {
    Path p =
        program("bomb.py", "s = 'a' * 1000000\nkept = []\nwhile True:\n    kept.append(s + 'b')\n");
    for (String policy : new String[] {"interval", "none"}) {
      Cli r = Cli.run("exec", "--policy", policy, "--max-memory", "16MiB", p.toString());
      assertEquals(1, r.exit(), r.err());
      List<String> lines = r.err().replace("\r", "").lines().toList();
      assertEquals("MemoryError", lines.get(lines.size() - 2), r.err()); // then the summary
      assertTrue(lines.get(lines.size() - 1).startsWith("gil-lab: "), r.err());
      UsageErrorsTest.assertNoStackTrace(r);
    }
  }

  @Test
  void oneComparisonOfHugeListsStopsAtTheBudget() throws Exception {
    Path p = program("eq.py", "a = [0] * 1000000\nb = [0] * 1000000\nprint(a == b)\n");
    // Making the lists costs 2,000,000 (an item each); the comparison is what passes the budget.
    Cli r = Cli.run("run", "--budget", "2500000", p.toString());
    assertEquals(1, r.exit(), r.err());
    assertTrue(
        r.err()
            .replace("\r", "")
            .contains(
                "    print(a == b)\nBudgetExceeded: instruction budget of 2500000 exhausted\n"),
        r.err());
    assertEquals("", r.out());
  }

  @Test
  void aMaxMemoryBelowTheFloorOrNotASizeIsAUsageError() throws Exception {
    Path p = program("x.py", "print(1)\n");
    Cli r = Cli.run("run", "--max-memory", "512k", p.toString());
    assertEquals(2, r.exit());
    assertEquals("--max-memory must be at least 1m (1048576 bytes), was 512k", r.firstErrLine());
    r = Cli.run("run", "--max-memory", "lots", p.toString());
    assertEquals(2, r.exit());
    assertEquals(
        "--max-memory must be a size such as 512m, 64MiB or 1g, was 'lots'", r.firstErrLine());
    assertEquals("", r.out());
    r = Cli.succeeds("run", "--max-memory", "1g", p.toString());
    assertEquals("1\n", r.out().replace("\r", ""));
  }
}
