package dev.gillab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.base.Splitter;
import com.google.common.collect.Iterables;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private final Captured out = new Captured();
  private final Captured err = new Captured();

  private int runMain(String... args) throws Exception {
    return Main.run(args, out.stream(), err.stream());
  }

  @Test
  void runsTheSeedExample() throws Exception {
    assertEquals(0, runMain("examples/seed.gasm"));
    assertEquals("2\n3\n", out.lines());
  }

  @Test
  void runsCountdownOnThreadsWithArguments() throws Exception {
    assertEquals(0, runMain("--threads", "2", "examples/countdown.gasm", "100000"));
    assertEquals("done\ndone\n", out.lines());
  }

  @Test
  void aFileThatCannotRunExitsTwoAndAnUncaughtErrorOneWithItsTraceback(@TempDir Path dir)
      throws Exception {
    Path bad = dir.resolve("bad.gasm");
    Files.writeString(bad, "LOAD_CONST 1\nPOP_TOP\nPOP_TOP\n");
    assertEquals(2, runMain(bad.toString()));
    assertEquals(bad + ":3: POP_TOP needs 1 value on the stack, has 0\n", err.lines());
    err.reset();
    Path loop = dir.resolve("loop.gasm");
    Files.writeString(loop, "top: JUMP_BACKWARD top\n");
    assertEquals(1, runMain("--budget", "100", loop.toString()));
    assertEquals(
        "Traceback (most recent call last):\n"
            + "  File \""
            + loop
            + "\", line 1, in "
            + loop
            + "\n"
            + "    top: JUMP_BACKWARD top\n"
            + "BudgetExceeded: instruction budget of 100 exhausted\n",
        err.lines());
    err.reset();
    assertEquals(2, runMain("--frobnicate"));
    assertEquals(2, runMain(dir.resolve("missing.py").toString()));
    assertEquals(dir.resolve("missing.py") + ": no such file\n", lastErrLine());
    assertEquals(2, runMain(dir.toString()));
    assertEquals(dir + ": not a regular file\n", lastErrLine());
  }

  @Test
  void runsPythonWithCPythonsTraceback(@TempDir Path dir) throws Exception {
    Path p = dir.resolve("t.py");
    Files.writeString(p, "def f(x):\n    return 1 // x\n\nprint(f(1))\nprint(f(0))\n");
    assertEquals(1, runMain(p.toString()));
    assertEquals("1\n", out.lines());
    assertEquals(
        "Traceback (most recent call last):\n"
            + "  File \""
            + p
            + "\", line 5, in <module>\n"
            + "    print(f(0))\n"
            + "  File \""
            + p
            + "\", line 2, in f\n"
            + "    return 1 // x\n"
            + "ZeroDivisionError: integer division or modulo by zero\n",
        err.lines());
  }

  @Test
  void aSyntaxErrorExitsTwoWithTheLineAndACaret(@TempDir Path dir) throws Exception {
    Path p = dir.resolve("s.py");
    Files.writeString(p, "x = = 1\n");
    assertEquals(2, runMain(p.toString()));
    assertEquals(p + ":1:5: SyntaxError: invalid syntax\n    x = = 1\n        ^\n", err.lines());
    assertEquals("", out.lines());
  }

  @Test
  void disPrintsTheBytecodeInstead(@TempDir Path dir) throws Exception {
    Path p = dir.resolve("c.py");
    Files.writeString(p, "counter = 0\ncounter += 1\n");
    assertEquals(0, runMain("--dis", p.toString()));
    assertEquals(
        """
          1           0 LOAD_CONST               0 (0)
                      2 STORE_GLOBAL             0 (counter)

          2           4 LOAD_GLOBAL              0 (counter)
                      6 LOAD_CONST               1 (1)
                      8 BINARY_OP               13 (+=)
                     10 STORE_GLOBAL             0 (counter)
                     12 LOAD_CONST               2 (None)
                     14 RETURN_VALUE
        """,
        out.lines());
  }

  @Test
  void aDaemonThreadStillRunningDoesNotFailTheRun(@TempDir Path dir) throws Exception {
    Path p = dir.resolve("d.py");
    Files.writeString(
        p,
        """
        import threading
        import time
        def forever():
            while True:
                time.sleep(0.01)
        threading.Thread(target=forever, daemon=True).start()
        print('main done')
        """);
    assertEquals(0, runMain(p.toString()));
    assertEquals("main done\n", out.lines());
    assertEquals("", err.lines());
  }

  private String lastErrLine() {
    String last = Iterables.getLast(Splitter.on('\n').omitEmptyStrings().split(err.lines()), "");
    err.reset();
    return last + "\n";
  }

  /** No budget is the default, given by leaving the option out; a budget of 0 is a usage error. */
  @Test
  void aBudgetMustBePositive() throws Exception {
    assertEquals(2, runMain("--budget", "0", "examples/seed.gasm"));
    assertEquals("--budget must be positive, got 0\n", lastErrLine());
    assertEquals(2, runMain("--threads", "0", "examples/seed.gasm"));
    assertEquals("--threads must be 1 to 256, got 0\n", lastErrLine());
    assertEquals("", out.lines());
  }
}
