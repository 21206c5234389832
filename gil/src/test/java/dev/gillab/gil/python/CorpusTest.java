package dev.gillab.gil.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gillab.gil.Code;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterError;
import dev.gillab.gil.Traceback;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The oracle corpus: every program under {@code src/test/resources/python/corpus} is compiled with
 * {@link PythonCompiler} and run on an {@link Interpreter}, and must print exactly what CPython
 * 3.11 printed for it, byte for byte.
 *
 * <p>Each program {@code NNN_what_it_shows.py} has CPython's stdout beside it in {@code
 * NNN_what_it_shows.out}. A program that ends in an uncaught error (exit status 1) also has {@code
 * NNN_what_it_shows.err}: CPython's last stderr line, e.g. {@code ZeroDivisionError: integer
 * division or modulo by zero}; here it must end in an {@link InterpreterError} whose {@code kind:
 * detail} is that line (only {@code kind} if the detail is empty, as for a bare {@code assert}),
 * after printing the same stdout up to the error. A program CPython refuses to compile ({@code
 * SyntaxError}, {@code IndentationError}: its {@code .out} is empty) must make {@link
 * PythonCompiler#compile} throw a {@link PythonSyntaxError} with that kind and detail. Whenever a
 * program ran, closing the interpreter must leave no object alive.
 *
 * <p>To add a program or regenerate an expected file, run CPython 3.11 in the corpus directory:
 *
 * <pre>
 * cd gil/src/test/resources/python/corpus
 * export PYTHONIOENCODING=utf-8 PYTHONHASHSEED=0
 * python3 -S NNN_what_it_shows.py &gt; NNN_what_it_shows.out
 * # only if it ends in an uncaught error (exit status 1):
 * python3 -S NNN_what_it_shows.py 2&gt;&amp;1 &gt;/dev/null | tail -n 1 &gt; NNN_what_it_shows.err
 * </pre>
 *
 * Check the result by hand, and that three runs print the same (no timing or thread order may show
 * in the output). {@code CpythonOracleIT} re-runs the corpus in CPython and lists every program
 * whose checked-in files went stale. Programs whose output CPython does not fix (lost updates
 * between threads) belong in {@code python/racy}, see {@code RacyProgramsTest}.
 */
class CorpusTest {
  /** A safety net against a program that loops forever; the corpus needs far less. */
  static final long BUDGET = 50_000_000L;

  /** The corpus is meant to cover the subset; fewer programs means some went missing. */
  static final int MIN_PROGRAMS = 150;

  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  @TestFactory
  Stream<DynamicTest> everyProgramPrintsWhatCpythonPrinted() {
    return CorpusFiles.programs(CorpusFiles.corpusDir()).stream()
        .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), p.toUri(), () -> run(p)));
  }

  private static void run(Path program) {
    assertTimeoutPreemptively(TIMEOUT, () -> runUntimed(program), "ran over " + TIMEOUT);
  }

  private static void runUntimed(Path program) {
    String fileName = program.getFileName().toString();
    String source = CorpusFiles.source(program);
    byte[] expectedOut = CorpusFiles.expectedOut(program);
    Optional<String> expectedErr = CorpusFiles.expectedErr(program);

    Code code;
    try {
      code = PythonCompiler.compile(source, fileName);
    } catch (PythonSyntaxError e) {
      // CPython refuses it before running anything: stdout stays empty, and the last stderr
      // line is "SyntaxError: <detail>" (or IndentationError).
      String got = CorpusFiles.lastErrorLine(e.kind(), e.detail());
      if (expectedErr.isEmpty()) {
        fail(fileName + " does not compile, but CPython runs it:\n" + e.format());
      }
      assertEquals(expectedErr.get(), got, () -> fileName + ": wrong compile error\n" + e.format());
      assertEquals(
          0, expectedOut.length, () -> fileName + ": CPython printed before a compile error?");
      return;
    }

    CorpusFiles.Ran ran = CorpusFiles.run(Interpreter.builder().instructionBudget(BUDGET), code);
    InterpreterError raised = ran.raised();
    String printed = ran.out();
    String errPrinted = ran.err();

    if (expectedErr.isPresent()) {
      if (raised == null) {
        fail(
            fileName
                + " should end in '"
                + expectedErr.get()
                + "' but ran to its end;"
                + " stdout:\n"
                + printed
                + stderrNote(errPrinted));
      }
      assertEquals(
          expectedErr.get(),
          CorpusFiles.lastErrorLine(raised.kind(), raised.detail()),
          () -> fileName + " ended in the wrong error\n" + traceback(raised, fileName, source));
    } else if (raised != null) {
      fail(
          fileName
              + " raised an error CPython did not:\n"
              + traceback(raised, fileName, source)
              + "\nstdout so far:\n"
              + printed
              + stderrNote(errPrinted));
    }

    String expected = new String(expectedOut, StandardCharsets.UTF_8);
    // The string comparison shows a readable diff; the byte comparison is the contract.
    assertEquals(expected, printed, () -> fileName + ": stdout differs" + stderrNote(errPrinted));
    assertTrue(
        Arrays.equals(expectedOut, ran.outBytes()),
        () -> fileName + ": stdout differs in its bytes (encoding?)");

    assertEquals(
        0,
        ran.interpreter().heap().stats().live(),
        () -> fileName + ": objects alive after close: " + ran.interpreter().heap().stats());
  }

  /** The error as CPython prints it, with the source lines of each frame. */
  static String traceback(InterpreterError e, String fileName, String source) {
    List<String> lines = source.lines().toList();
    return Traceback.format(
        e,
        (file, line) ->
            file.equals(fileName) && line >= 1 && line <= lines.size()
                ? lines.get(line - 1).strip()
                : "");
  }

  private static String stderrNote(String errPrinted) {
    return errPrinted.isEmpty() ? "" : "\nstderr:\n" + errPrinted;
  }

  /**
   * The corpus itself: enough programs, every name {@code NNN_what_it_shows.py} with a number of
   * its own, every program with its {@code .out}, and no expected file without a program.
   */
  @Test
  void corpusIsCompleteAndWellFormed() {
    Path dir = CorpusFiles.corpusDir();
    List<Path> programs = CorpusFiles.programs(dir);
    assertTrue(
        programs.size() >= MIN_PROGRAMS,
        "the corpus has " + programs.size() + " programs, fewer than " + MIN_PROGRAMS);

    List<String> problems = new ArrayList<>();
    Set<String> numbers = new HashSet<>();
    for (Path p : programs) {
      String name = p.getFileName().toString();
      if (!CorpusFiles.PROGRAM_NAME.matcher(name).matches()) {
        problems.add(name + ": not named NNN_what_it_shows.py");
      }
      if (!numbers.add(name.substring(0, Math.min(3, name.length())))) {
        problems.add(name + ": its number is taken by another program");
      }
      if (!Files.exists(CorpusFiles.sibling(p, ".out"))) {
        problems.add(name + ": no .out beside it");
      }
      Optional<String> err = CorpusFiles.expectedErr(p);
      if (err.isPresent() && (err.get().isEmpty() || err.get().contains("\n"))) {
        problems.add(name + ": its .err must be exactly one non-empty line");
      }
    }
    for (Path f : CorpusFiles.allFiles(dir)) {
      String name = f.getFileName().toString();
      if (name.endsWith(".out") || name.endsWith(".err")) {
        String stem = name.substring(0, name.length() - 4);
        if (!Files.exists(f.resolveSibling(stem + ".py"))) {
          problems.add(name + ": no program " + stem + ".py");
        }
      } else if (!name.endsWith(".py")) {
        problems.add(name + ": not a program, .out or .err");
      }
    }
    assertEquals(List.of(), problems, "the corpus is not well formed");
  }
}
