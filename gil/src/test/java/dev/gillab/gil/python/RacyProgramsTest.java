package dev.gillab.gil.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gillab.gil.Code;
import dev.gillab.gil.Interpreter;
import dev.gillab.gil.InterpreterError;
import dev.gillab.gil.SwitchingPolicy;
import dev.gillab.refcount.CountStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Programs whose output CPython does not fix: threads updating shared state without a lock ({@code
 * src/test/resources/python/racy}). Each states in a header line what it may print, {@code #
 * invariant: 2 <= counter <= 2*N}, over the top-level constants it sets, and prints that value on
 * its last line. Each runs under every switching policy — {@code interval} (the default), {@code
 * interval} and {@code ticks(1)} with the eval breaker checked before every instruction (a switch
 * may then fall inside {@code counter += 1}), and {@code none} (no GIL) with ATOMIC and BIASED
 * counts — and must finish without an error, print a value inside its invariant, report nothing on
 * stderr, and leave no object alive after close: the GIL (or safe counts without it) keeps every
 * reference count right even where the program's own updates are lost.
 *
 * <p>Every bound is a hard one, not what runs happen to show: a counter's lower bound is 2, not N,
 * since a thread paused between its load and its store erases everything the others added meanwhile
 * (the programs' headers say so), so a value outside its invariant is a bug.
 */
class RacyProgramsTest {
  private static final long BUDGET = 50_000_000L;
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  /** One way to build the interpreter a racy program runs on. */
  record Config(String name, Supplier<Interpreter.Builder> builder) {}

  static final List<Config> CONFIGS =
      List.of(
          new Config("interval (default)", Interpreter::builder),
          new Config(
              "interval, every instruction",
              () -> Interpreter.builder().checkEveryInstruction(true)),
          new Config(
              "ticks(1), every instruction",
              () ->
                  Interpreter.builder()
                      .policy(SwitchingPolicy.ticks(1))
                      .checkEveryInstruction(true)),
          new Config(
              "none, ATOMIC counts",
              () ->
                  Interpreter.builder()
                      .policy(SwitchingPolicy.none())
                      .countStrategy(CountStrategy.ATOMIC)),
          new Config(
              "none, BIASED counts",
              () ->
                  Interpreter.builder()
                      .policy(SwitchingPolicy.none())
                      .countStrategy(CountStrategy.BIASED)));

  @TestFactory
  Stream<DynamicTest> racyProgramsKeepTheirInvariantUnderEveryPolicy() {
    return CorpusFiles.programs(CorpusFiles.racyDir()).stream()
        .flatMap(
            p ->
                CONFIGS.stream()
                    .map(
                        c ->
                            DynamicTest.dynamicTest(
                                p.getFileName() + " under " + c.name(),
                                p.toUri(),
                                () -> assertTimeoutPreemptively(TIMEOUT, () -> run(p, c)))));
  }

  private static void run(Path program, Config config) {
    String fileName = program.getFileName().toString();
    CorpusFiles.Invariant invariant = CorpusFiles.Invariant.of(program);
    Code code = PythonCompiler.compile(CorpusFiles.source(program), fileName);

    CorpusFiles.Ran ran = CorpusFiles.run(config.builder().get().instructionBudget(BUDGET), code);
    InterpreterError raised = ran.raised();
    String printed = ran.out();
    String errPrinted = ran.err();
    String what = fileName + " under " + config.name();

    if (raised != null) {
      fail(
          what
              + " raised "
              + CorpusFiles.lastErrorLine(raised.kind(), raised.detail())
              + " at "
              + raised.traceback()
              + "\nstdout:\n"
              + printed
              + "\nstderr:\n"
              + errPrinted);
    }
    assertEquals("", errPrinted, () -> what + " printed on stderr (a thread failed?)");
    String last = CorpusFiles.lastLine(printed);
    assertTrue(
        last.matches("-?\\d+"),
        () ->
            what
                + ": the last line should be the final "
                + invariant.what()
                + ", got '"
                + last
                + "'");
    long value = Long.parseLong(last);
    assertTrue(invariant.holds(value), () -> what + " printed " + value + ", outside " + invariant);
    assertEquals(
        0,
        ran.interpreter().heap().stats().live(),
        () -> what + ": objects alive after close: " + ran.interpreter().heap().stats());
  }

  /** Every racy program states a readable invariant that admits at least one value. */
  @Test
  void everyRacyProgramStatesAnInvariant() {
    List<Path> programs = CorpusFiles.programs(CorpusFiles.racyDir());
    assertFalse(programs.isEmpty(), "no racy programs");
    for (Path p : programs) {
      CorpusFiles.Invariant inv = CorpusFiles.Invariant.of(p);
      assertTrue(inv.lowValue() <= inv.highValue(), () -> p.getFileName() + ": " + inv);
      assertFalse(
          Files.exists(CorpusFiles.sibling(p, ".out")),
          () -> p.getFileName() + ": a racy program has no fixed output, so no .out");
    }
  }

  /** The invariant reader itself, on a header like the programs'. */
  @Test
  void invariantBoundsAreEvaluated(@TempDir Path dir) throws IOException {
    Path p = dir.resolve("bounds.py");
    Files.writeString(
        p, "# invariant: TOTAL - 2*N <= total <= TOTAL + 2 * N + 1\nN = 10\nTOTAL = 200\n");
    CorpusFiles.Invariant inv = CorpusFiles.Invariant.of(p);
    assertEquals("total", inv.what());
    assertEquals(180, inv.lowValue());
    assertEquals(221, inv.highValue());
    assertTrue(inv.holds(180) && inv.holds(221));
    assertFalse(inv.holds(179) || inv.holds(222));
  }
}
