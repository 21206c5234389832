package dev.gillab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int main(String... args) throws Exception {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8).replace("\r", "");
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8).replace("\r", "");
  }

  @Test
  void runsTheSeedExample() throws Exception {
    assertEquals(0, main("examples/seed.gasm"));
    assertEquals("2\n3\n", out());
  }

  @Test
  void runsCountdownOnThreadsWithArguments() throws Exception {
    assertEquals(0, main("--threads", "2", "examples/countdown.gasm", "100000"));
    assertEquals("done\ndone\n", out());
  }

  @Test
  void reportsVerifyAndRuntimeErrors(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.gasm");
    Files.writeString(bad, "LOAD_CONST 1\nPOP_TOP\nPOP_TOP\n");
    assertEquals(1, main(bad.toString()));
    assertEquals("bad.gasm:3: POP_TOP needs 1 value on the stack, has 0\n", err());
    err.reset();
    Path loop = dir.resolve("loop.gasm");
    Files.writeString(loop, "top: JUMP_BACKWARD top\n");
    assertEquals(2, main("--budget", "100", loop.toString()));
    assertEquals("loop.gasm:1: BudgetExceeded: instruction budget of 100 exhausted\n", err());
    err.reset();
    assertEquals(64, main("--frobnicate"));
  }
}
