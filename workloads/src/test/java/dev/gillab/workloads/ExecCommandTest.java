package dev.gillab.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gil-lab exec}: a program runs on N threads; an error it raises exits 1. */
class ExecCommandTest {
  @TempDir Path dir;

  @Test
  void runsAProgramOnSeveralThreads() throws Exception {
    Path p =
        Files.writeString(
            dir.resolve("hello.s"),
            ".params who\nLOAD_FAST who\nCALL print 1\nPOP_TOP\nLOAD_CONST 7\nRETURN_VALUE\n");
    Cli r = Cli.run("exec", "--threads", "2", p.toString(), "world");
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        "world\nworld\nthread-1 returned 7\nthread-2 returned 7\n", r.out().replace("\r", ""));
    assertTrue(r.err().startsWith("gil-lab: 2 thread(s), "), r.err());
  }

  @Test
  void traceShowsTheGilEventsAndAPerThreadSummary() throws Exception {
    Path p =
        Files.writeString(
            dir.resolve("loop.s"),
            String.join("\n", ".params n",
                "loop: LOAD_FAST n", "LOAD_CONST 0", "COMPARE_OP >", "POP_JUMP_IF_FALSE end",
                "LOAD_FAST n", "LOAD_CONST 1", "BINARY_OP -=", "STORE_FAST n", "JUMP_BACKWARD loop",
                "end: LOAD_CONST 0", "RETURN_VALUE", ""));
    Cli r = Cli.run("exec", "--trace", "--threads", "2", "--policy", "ticks(10)", p.toString(), "50");
    assertEquals(0, r.exit(), r.err());
    assertEquals("thread-1 returned 0\nthread-2 returned 0\n", r.out().replace("\r", ""));
    String err = r.err().replace("\r", "");
    assertTrue(err.contains("gil-lab: GIL events ("), err);
    assertTrue(err.contains(" ACQUIRE "), err);
    assertTrue(err.contains(" TICK "), err); // ticks(10) lets go every 10 instructions
    assertTrue(err.contains("gil-lab: GIL per thread, "), err);
    assertTrue(err.lines().anyMatch(l -> l.trim().startsWith("thread-1 ")), err);
    assertTrue(err.lines().anyMatch(l -> l.trim().startsWith("thread-2 ")), err);
    UsageErrorsTest.assertNoStackTrace(r);
  }

  @Test
  void anErrorTheProgramRaisesExitsOneNamingTheLine() throws Exception {
    Path p = Files.writeString(dir.resolve("div.s"), "LOAD_CONST 1\nLOAD_CONST 0\nBINARY_OP //\nRETURN_VALUE\n");
    Cli r = Cli.run("exec", p.toString());
    assertEquals(1, r.exit());
    assertEquals(
        "gil-lab: thread-1 failed: div.s:3: ZeroDivisionError: integer division or modulo by zero",
        r.firstErrLine());
    UsageErrorsTest.assertNoStackTrace(r);
  }

  @Test
  void argumentsBecomeValues() {
    assertEquals(42L, ExecCommand.value("42"));
    assertEquals(Boolean.TRUE, ExecCommand.value("True"));
    assertEquals(null, ExecCommand.value("None"));
    assertEquals("abc", ExecCommand.value("abc"));
    assertEquals("'abc'", ExecCommand.repr("abc"));
    assertEquals("None", ExecCommand.repr(null));
  }
}
