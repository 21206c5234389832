package dev.gillab.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs {@link GilLab#run} in-process with captured streams. */
record Cli(int exit, String out, String err) {
  static Cli run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = GilLab.run(args, o, e);
    }
    return new Cli(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs as {@link #run} does, and checks the run succeeded: exit 0, else its error shown. */
  static Cli succeeds(String... args) {
    Cli r = run(args);
    assertEquals(0, r.exit(), r.err());
    return r;
  }

  /**
   * The gil chapter's example assembler program, {@code countdown(n)} printing "done", copied to
   * {@code target}: the tests run the program the chapter documents rather than a copy of it.
   */
  static Path countdownProgram(Path target) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    return Files.copy(Path.of("..", "gil", "examples", "countdown.gasm"), target);
  }

  /** The first line of standard error. */
  String firstErrLine() {
    return err.lines().findFirst().orElse("");
  }
}
