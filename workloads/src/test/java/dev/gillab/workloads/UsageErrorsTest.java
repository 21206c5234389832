package dev.gillab.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Usage errors: exit 2, one clear line, then the usage; never a stack trace. Nothing runs. */
class UsageErrorsTest {
  @TempDir Path dir;

  private static void assertUsageError(Cli r, String firstLine) {
    assertEquals(2, r.exit(), r.err());
    assertEquals(firstLine, r.firstErrLine());
    assertTrue(r.err().contains("Usage: gil-lab"), r.err());
    assertNoStackTrace(r);
    assertEquals("", r.out());
  }

  static void assertNoStackTrace(Cli r) {
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void unknownOption() {
    assertUsageError(Cli.run("--bogus"), "Unknown option: '--bogus'");
  }

  @Test
  void aSwitchIntervalForAPolicyWithoutOneIsRefused() {
    assertUsageError(
        Cli.run("--policy", "ticks", "--switch-interval", "1ms"),
        "--switch-interval does not apply to policy ticks(100): only interval and io-priority have"
            + " a switch interval");
    assertUsageError(
        Cli.run("cpu", "--policy", "none", "--switch-interval", "1ms"),
        "--switch-interval does not apply to policy none: only interval and io-priority have a"
            + " switch interval");
    assertUsageError(Cli.run("--policy", "ticks(0)"), "ticks(n) needs n of at least 1, was 0");
  }

  @Test
  void unknownPolicy() {
    assertUsageError(
        Cli.run("--policy", "fair"),
        "unknown policy 'fair'; known: interval, ticks, ticks(n), io-priority, none");
  }

  /** Command lines whose last word is a switch interval outside 1 us to 60 s. */
  static Stream<List<String>> switchIntervalsOutOfRange() {
    return Stream.of(
        List.of("--switch-interval", "0ms"),
        List.of("--switch-interval", "0.1ns"),
        List.of("cpu", "--switch-interval", "999ns"));
  }

  @ParameterizedTest
  @MethodSource("switchIntervalsOutOfRange")
  void aSwitchIntervalOutOfRangeIsRefused(List<String> args) {
    assertUsageError(
        Cli.run(args.toArray(String[]::new)),
        "the switch interval must be at least 1 us and at most 60 s, was '"
            + args.get(args.size() - 1)
            + "'");
  }

  @Test
  void badNumbersAndDurations() {
    assertUsageError(Cli.run("--workers", "0"), "--workers must be 1 to 64, was 0");
    assertUsageError(Cli.run("io", "--repeats", "0"), "--repeats must be 1 to 100, was 0");
    assertUsageError(
        Cli.run("--switch-interval", "soon"),
        "'soon' is not a duration; write e.g. 5ms, 500us, 0.5ms or 1s");
    assertUsageError(
        Cli.run("--switch-interval", "1000.5ns"),
        "'1000.5ns' is not a whole number of nanoseconds");
    assertUsageError(
        Cli.run("--adaptive", "--max-time", "0.0000001"),
        "--max-time must be at least 1 us and at most 3600 s, was '0.0000001'");
    assertUsageError(
        Cli.run("cpu", "--max-time", "30s"), "--max-time applies only with --adaptive");
    assertUsageError(
        Cli.run("--adaptive", "--max-time", "4000"),
        "--max-time must be at least 1 us and at most 3600 s, was '4000'");
    assertUsageError(
        Cli.run("--workers", "many"), "Invalid value for option '--workers': 'many' is not an int");
  }

  /** An option the experiment does not use would change nothing: refused, not ignored. */
  @Test
  void optionsAnExperimentDoesNotUseAreRefused() {
    assertUsageError(Cli.run("race", "--workers", "4"), "--workers does not apply to race");
    assertUsageError(Cli.run("--repeats", "5", "deadlock"), "--repeats does not apply to deadlock");
    assertUsageError(Cli.run("race", "--repeats", "5"), "--repeats does not apply to race");
    assertUsageError(Cli.run("convoy", "--adaptive"), "--adaptive does not apply to convoy");
    assertUsageError(
        Cli.run("--adaptive", "--max-time", "5s", "race"), "--adaptive does not apply to race");
    assertUsageError(Cli.run("deadlock", "--quick"), "--quick does not apply to deadlock");
  }

  @Test
  void runNeedsAnExistingFileAndTheRightArguments() throws Exception {
    assertUsageError(Cli.run("run"), "Missing required parameter: 'FILE'");
    Path missing = dir.resolve("missing.s");
    Cli r = Cli.run("run", missing.toString());
    assertEquals(2, r.exit());
    assertEquals(missing + ": no such file", r.firstErrLine());
    Path prog = Files.writeString(dir.resolve("one.s"), ".params n\nLOAD_FAST n\nRETURN_VALUE\n");
    r = Cli.run("exec", prog.toString());
    assertEquals(2, r.exit());
    assertEquals(prog + ": the program takes 1 argument(s), got 0", r.firstErrLine());
    assertUsageError(
        Cli.run("exec", "--threads", "0", prog.toString(), "1"),
        "--threads must be 1 to 256, was 0");
  }

  @Test
  void aBadAssemblerFileGetsTheVerifiersLineNumberedMessage() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.s"), "LOAD_CONST 1\nFROB 2\nRETURN_VALUE\n");
    Cli r = Cli.run("exec", bad.toString());
    assertEquals(2, r.exit());
    assertEquals(bad + ":2: unknown instruction 'FROB'", r.err().strip());
    assertEquals("", r.out());

    Path unknown =
        Files.writeString(dir.resolve("call.s"), "LOAD_CONST 1\nCALL nosuch 1\nRETURN_VALUE\n");
    r = Cli.run("exec", unknown.toString());
    assertEquals(2, r.exit());
    assertEquals(unknown + ":2: unknown builtin 'nosuch'", r.err().strip());
  }

  @Test
  void helpAndVersionExitZero() {
    Cli help = Cli.run("--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().startsWith("Usage: gil-lab"), help.out());
    Cli version = Cli.run("--version");
    assertEquals(0, version.exit());
    assertTrue(version.out().startsWith("gil-lab 0.1.0"), version.out());
  }
}
