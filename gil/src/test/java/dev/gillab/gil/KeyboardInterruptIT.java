package dev.gillab.gil;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ending the JVM under a running program — Ctrl-C's SIGINT or a SIGTERM, which take the same path
 * through the JVM's shutdown hooks — stops it as CPython's top-level {@code KeyboardInterrupt}
 * does, with the GIL's counters so far. A real child JVM runs gil's {@code Main} on a program that
 * never ends; the test ends it with a SIGTERM ({@link Process#destroy}: a SIGINT sent by a test may
 * be ignored where the test itself was started in the background).
 */
class KeyboardInterruptIT {
  @Test
  void endingTheJvmUnderARunningProgramPrintsKeyboardInterruptAndTheGilCounters(@TempDir Path dir)
      throws Exception {
    Path program = dir.resolve("spin.py");
    Files.writeString(program, "print(\"started\")\nwhile True:\n    pass\n", UTF_8);
    Path err = dir.resolve("err.txt");
    Process p =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                program.toString())
            .redirectError(err.toFile())
            .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8));
      String first = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
      assertEquals("started", first, "the program is running");

      p.destroy();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM ended");
      assertEquals(128 + 15, p.exitValue(), "the status of a SIGTERM, as python3's would be");
      String said = Files.readString(err, UTF_8);
      assertTrue(said.startsWith("KeyboardInterrupt" + System.lineSeparator()), said);
      assertTrue(said.contains("GIL per thread, "), said);
      assertTrue(said.lines().anyMatch(l -> l.trim().startsWith("main ")), said);
    } finally {
      p.destroyForcibly();
    }
  }

  private static String readLine(BufferedReader r) {
    try {
      return r.readLine();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
