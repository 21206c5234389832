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
