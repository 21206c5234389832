package dev.gillab.gil.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.common.util.concurrent.Futures;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the oracle honest: re-runs every corpus program in CPython 3.11 and fails, listing them
 * all, if any program's checked-in {@code .out} (stdout, byte for byte), {@code .err} (last stderr
 * line) or exit status (1 with an {@code .err}, 0 without) no longer matches what CPython does.
 * Also runs each racy program once and checks its invariant. Skipped when {@code python3} is not on
 * the PATH or is not 3.11. Regenerate a stale file as {@link CorpusTest} describes.
 */
class CpythonOracleIT {
  private static final long PROGRAM_TIMEOUT_SECONDS = 30;
  private static final int PARALLEL_RUNS = 4;
  private static String version = "";

  @BeforeAll
  static void findCpython311() {
    Optional<Run> v = python(List.of("--version"), Path.of("."), 30);
    String printed = v.map(r -> (r.stdout() + r.stderr()).trim()).orElse("");
    assumeTrue(v.isPresent() && v.get().exitCode() == 0, "python3 is not on the PATH");
    assumeTrue(printed.startsWith("Python 3.11."), "python3 is " + printed + ", not 3.11");
    version = printed;
  }

  @Test
  void checkedInOutputsMatchCpython() {
    Path dir = CorpusFiles.corpusDir();
    List<String> stale = new ArrayList<>();
    List<Path> programs = CorpusFiles.programs(dir);
    // A few CPython processes at a time: most of a run is the interpreter starting up.
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_RUNS);
    List<Future<Optional<Run>>> runs = new ArrayList<>();
    try {
      for (Path program : programs) {
        String name = program.getFileName().toString();
        runs.add(pool.submit(() -> python(List.of(name), dir, PROGRAM_TIMEOUT_SECONDS)));
      }
    } finally {
      pool.shutdown();
    }
    for (int i = 0; i < programs.size(); i++) {
      Path program = programs.get(i);
      String name = program.getFileName().toString();
      Optional<Run> run = Futures.getUnchecked(runs.get(i));
      if (run.isEmpty()) {
        stale.add(name + ": did not finish within " + PROGRAM_TIMEOUT_SECONDS + " s");
        continue;
      }
      Run r = run.get();
      if (!Arrays.equals(CorpusFiles.expectedOut(program), r.stdoutBytes())) {
        stale.add(name + ": stdout differs from its .out");
      }
      Optional<String> err = CorpusFiles.expectedErr(program);
      if (err.isPresent()) {
        if (r.exitCode() != 1) {
          stale.add(name + ": exit status " + r.exitCode() + ", its .err expects 1");
        }
        String last = lastLine(r.stderr());
        if (!err.get().equals(last)) {
          stale.add(
              name + ": last stderr line is '" + last + "', its .err says '" + err.get() + "'");
        }
      } else if (r.exitCode() != 0) {
        stale.add(
            name
                + ": exit status "
                + r.exitCode()
                + " ("
                + lastLine(r.stderr())
                + "), but it has no .err");
      }
    }
    assertEquals(List.of(), stale, "programs whose checked-in files went stale under " + version);
  }

  @Test
  void racyProgramsKeepTheirInvariantInCpython() {
    Path dir = CorpusFiles.racyDir();
    List<String> broken = new ArrayList<>();
    for (Path program : CorpusFiles.programs(dir)) {
      String name = program.getFileName().toString();
      CorpusFiles.Invariant invariant = CorpusFiles.Invariant.of(program);
      Optional<Run> run = python(List.of(name), dir, PROGRAM_TIMEOUT_SECONDS);
      if (run.isEmpty()) {
        broken.add(name + ": did not finish within " + PROGRAM_TIMEOUT_SECONDS + " s");
        continue;
      }
      Run r = run.get();
      String last = CorpusFiles.lastLine(r.stdout());
      if (r.exitCode() != 0) {
        broken.add(name + ": exit status " + r.exitCode() + " (" + lastLine(r.stderr()) + ")");
      } else if (!last.matches("-?\\d+")) {
        broken.add(name + ": last line '" + last + "' is not an integer");
      } else if (!invariant.holds(Long.parseLong(last))) {
        broken.add(name + ": printed " + last + ", outside " + invariant);
      }
    }
    assertEquals(List.of(), broken, "racy programs under " + version);
  }

  private static String lastLine(String stderr) {
    String[] lines = CorpusFiles.stripNewline(stderr).split("\n", -1);
    return CorpusFiles.stripNewline(lines[lines.length - 1]);
  }

  /** One finished CPython run. */
  private static final class Run {
    private final int exitCode;
    private final byte[] stdout;
    private final String stderr;

    Run(int exitCode, byte[] stdout, String stderr) {
      this.exitCode = exitCode;
      this.stdout = stdout.clone();
      this.stderr = stderr;
    }

    int exitCode() {
      return exitCode;
    }

    byte[] stdoutBytes() {
      return stdout.clone();
    }

    String stdout() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    String stderr() {
      return stderr;
    }
  }

  /**
   * Runs {@code python3 -S args...} in {@code dir}, as the corpus was generated: UTF-8 stdio, a
   * fixed hash seed, and no {@code site} module. No program uses what {@code site} adds, and
   * without it the machine's site-packages stay out of the oracle and each start-up, most of a
   * program's run, is shorter (here about 90 ms instead of 150). Output goes to files, so a chatty
   * program cannot block on a full pipe. Empty if python3 cannot be started or did not finish in
   * time (then it is destroyed).
   */
  private static Optional<Run> python(List<String> args, Path dir, long timeoutSeconds) {
    List<String> command = new ArrayList<>();
    command.add("python3");
    command.add("-S"); // no site module: see above
    command.addAll(args);
    File out = null;
    File err = null;
    try {
      out = File.createTempFile("cpython-oracle", ".out");
      err = File.createTempFile("cpython-oracle", ".err");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectOutput(out)
              .redirectError(err);
      Map<String, String> env = pb.environment();
      env.put("PYTHONIOENCODING", "utf-8");
      env.put("PYTHONHASHSEED", "0");
      env.remove("PYTHONSTARTUP");
      env.remove("PYTHONPATH");
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        return Optional.empty(); // python3 could not be started: not on the PATH
      }
      p.getOutputStream().close(); // the programs read no input
      try {
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
          return Optional.empty();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      return Optional.of(
          new Run(
              p.exitValue(),
              Files.readAllBytes(out.toPath()),
              Files.readString(err.toPath(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (out != null && !out.delete()) {
        out.deleteOnExit();
      }
      if (err != null && !err.delete()) {
        err.deleteOnExit();
      }
    }
  }
}
