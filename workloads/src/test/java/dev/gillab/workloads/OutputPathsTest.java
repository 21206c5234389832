package dev.gillab.workloads;

import static java.time.Duration.ofMinutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --json FILE} and {@code --report DIR} against each kind of thing a path can name: a
 * regular file, a folder, a missing parent, a symbolic link, a FIFO, a read-only folder. A path
 * that cannot be written is refused before anything runs — exit 2, one line on standard error,
 * nothing on standard output, nothing written; one that can is written through any symbolic link,
 * never replacing it, with the mode the umask gives a new file.
 *
 * <p>The refused rows run {@code deadlock} or a program that prints: had the check come after the
 * work, standard output would show it.
 */
class OutputPathsTest {
  @TempDir Path dir;

  /** What the umask makes of a new file and a new folder here. */
  private Set<PosixFilePermission> newFileMode;

  private Set<PosixFilePermission> newFolderMode;

  /** A Python program that prints {@code ran}. */
  private Path program;

  @BeforeEach
  void probe() throws IOException {
    newFileMode = Files.getPosixFilePermissions(Files.createFile(dir.resolve("probe-file")));
    newFolderMode = Files.getPosixFilePermissions(Files.createDirectory(dir.resolve("probe-dir")));
    program = Files.writeString(dir.resolve("prog.py"), "print('ran')\n");
  }

  // ---- --json ------------------------------------------------------------------------------

  @Test
  void jsonToANewFileGetsTheUmasksMode() throws Exception {
    Path f = dir.resolve("new.json");
    assertRan(cli("deadlock", "--json", f.toString()));
    assertJson(f);
    assertEquals(newFileMode, Files.getPosixFilePermissions(f));
  }

  @Test
  void jsonOverARegularFileReplacesItsTextAndKeepsItsMode() throws Exception {
    Path f = Files.writeString(dir.resolve("old.json"), "old");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
    assertRan(cli("deadlock", "--json", f.toString()));
    assertJson(f);
    assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(f));
  }

  @Test
  void jsonToAFolderIsRefused() throws Exception {
    Path d = Files.createDirectory(dir.resolve("d"));
    assertJsonRefused(d, "a folder, not a file");
    assertTrue(Files.isDirectory(d));
    assertEquals(0, count(d));
  }

  @ParameterizedTest
  @CsvSource({"--json, r.json", "--report, r"})
  void outputUnderAMissingFolderIsRefusedAndTheFolderNotMade(String option, String name) {
    Path missing = dir.resolve("missing");
    Path target = missing.resolve(name);
    assertRefused(cli("deadlock", option, target.toString()), underMissing(option, target));
    assertFalse(Files.exists(missing));
  }

  /** What the refusal of {@code option}'s {@code target} in a folder that does not exist says. */
  private static String underMissing(String option, Path target) {
    return "gil-lab: cannot write "
        + option
        + " '"
        + target
        + "': the folder '"
        + target.getParent()
        + "' does not exist";
  }

  @Test
  void jsonUnderAFileIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    Path f = file.resolve("r.json");
    assertJsonRefused(f, "'" + file + "' is not a folder");
  }

  @Test
  void jsonThroughASymlinkWritesItsTargetAndKeepsTheLink() throws Exception {
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Path target = Files.writeString(elsewhere.resolve("target.json"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), target);
    assertRan(cli("deadlock", "--json", link.toString()));
    assertTrue(Files.isSymbolicLink(link), "the link is still a link");
    assertEquals(target, Files.readSymbolicLink(link));
    assertJson(target);
    assertEquals(1, count(elsewhere), "no temporary file left beside the target");
  }

  @Test
  void jsonThroughASymlinkToNothingALoopOrAFolderIsRefused() throws Exception {
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling.json"), dir.resolve("gone"));
    assertJsonRefused(
        dangling, "a symbolic link to '" + dir.resolve("gone") + "', which does not exist");
    assertTrue(Files.isSymbolicLink(dangling));
    assertFalse(Files.exists(dir.resolve("gone")));

    Path loop = Files.createSymbolicLink(dir.resolve("loop-a"), dir.resolve("loop-b"));
    Files.createSymbolicLink(dir.resolve("loop-b"), loop);
    assertJsonRefused(
        loop, "a symbolic link to '" + dir.resolve("loop-b") + "', which leads to no file");

    Path toFolder = Files.createSymbolicLink(dir.resolve("to-folder"), dir.resolve("probe-dir"));
    assertJsonRefused(toFolder, "a folder, not a file");
    assertTrue(Files.isSymbolicLink(toFolder));
  }

  @Test
  void jsonToAFifoIsRefusedAndTheFifoKept() throws Exception {
    Path fifo = mkfifo(dir.resolve("fifo"));
    assertJsonRefused(fifo, "a FIFO, not a regular file");
    assertTrue(isFifo(fifo), "still a FIFO");
    Path link = Files.createSymbolicLink(dir.resolve("to-fifo"), fifo);
    assertJsonRefused(link, "a FIFO, not a regular file");
    assertTrue(Files.isSymbolicLink(link));
  }

  /**
   * A folder without write permission: for an ordinary user the path is refused; root writes anyway
   * (the kernel does not check a folder's mode for root), so as root it is written, with the usual
   * mode. Both outcomes are asserted; which one runs depends on who runs the tests.
   */
  @Test
  void jsonInAReadOnlyFolder() throws Exception {
    Path ro = Files.createDirectory(dir.resolve("ro"));
    Path f = ro.resolve("r.json");
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      Cli r = cli("deadlock", "--json", f.toString());
      if (isRoot()) {
        assertRan(r);
        assertJson(f);
        assertEquals(newFileMode, Files.getPosixFilePermissions(f));
      } else {
        assertRefused(
            r, "gil-lab: cannot write --json '" + f + "': the folder '" + ro + "' is not writable");
        assertFalse(Files.exists(f));
      }
    } finally {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void anEmptyJsonNameIsRefused() {
    assertRefused(cli("deadlock", "--json", ""), "gil-lab: cannot write --json '': no name");
  }

  @Test
  void aHostileJsonPathIsEchoedEscaped() {
    Path f = dir.resolve("no\u001b[2Jsuch").resolve("r.json");
    Cli r = cli("deadlock", "--json", f.toString());
    assertRefused(
        r,
        "gil-lab: cannot write --json '"
            + dir
            + "/no\\x1b[2Jsuch/r.json': the"
            + " folder '"
            + dir
            + "/no\\x1b[2Jsuch' does not exist");
  }

  // ---- --report ----------------------------------------------------------------------------

  @Test
  void reportIntoAnEmptyFolderWritesThreeFilesWithTheUmasksMode() throws Exception {
    Path d = Files.createDirectory(dir.resolve("r"));
    assertProgramRan(cli("run", "--report", d.toString(), program.toString()));
    assertReport(d);
  }

  @Test
  void reportIntoAMissingFolderMakesThatFolderOnly() throws Exception {
    Path d = dir.resolve("new-report");
    assertProgramRan(cli("--report", d.toString(), "run", program.toString()));
    assertReport(d);
    assertEquals(newFolderMode, Files.getPosixFilePermissions(d));
  }

  @Test
  void reportOverOldFilesReplacesThemAndKeepsTheirMode() throws Exception {
    Path d = Files.createDirectory(dir.resolve("r"));
    Path index = Files.writeString(d.resolve("index.html"), "old");
    Files.setPosixFilePermissions(index, PosixFilePermissions.fromString("rw-rw-r--"));
    assertProgramRan(cli("run", "--report", d.toString(), program.toString()));
    assertTrue(Files.readString(index).startsWith("<!DOCTYPE html>"), "replaced");
    assertEquals(
        PosixFilePermissions.fromString("rw-rw-r--"), Files.getPosixFilePermissions(index));
  }

  @Test
  void reportToARegularFileIsRefused() throws Exception {
    Path f = Files.writeString(dir.resolve("f"), "keep");
    assertRefused(
        cli("--report", f.toString(), "deadlock"),
        "gil-lab: cannot write --report '" + f + "': a file, not a folder");
    assertEquals("keep", Files.readString(f));
  }

  @Test
  void aProgramRunsReportUnderAMissingFolderIsRefusedAndNothingMade() {
    Path d = dir.resolve("missing").resolve("r");
    assertRefused(
        cli("run", "--report", d.toString(), program.toString()), underMissing("--report", d));
    assertFalse(Files.exists(d.getParent()));
  }

  @Test
  void reportThroughASymlinkedFolderWritesIntoItsTarget() throws Exception {
    Path target = Files.createDirectory(dir.resolve("target"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);
    assertProgramRan(cli("run", "--report", link.toString(), program.toString()));
    assertTrue(Files.isSymbolicLink(link));
    assertReport(target);
  }

  @Test
  void reportThroughASymlinkedFileWritesItsTargetAndKeepsTheLink() throws Exception {
    Path d = Files.createDirectory(dir.resolve("r"));
    Path elsewhere = Files.writeString(dir.resolve("page.html"), "old");
    Path link = Files.createSymbolicLink(d.resolve("index.html"), elsewhere);
    assertProgramRan(cli("run", "--report", d.toString(), program.toString()));
    assertTrue(Files.isSymbolicLink(link), "the link is still a link");
    assertTrue(Files.readString(elsewhere).startsWith("<!DOCTYPE html>"), "written through");
  }

  @Test
  void reportToAFifoOrWithAFifoInsideIsRefused() throws Exception {
    Path fifo = mkfifo(dir.resolve("fifo"));
    assertRefused(
        cli("deadlock", "--report", fifo.toString()),
        "gil-lab: cannot write --report '" + fifo + "': a FIFO, not a folder");
    assertTrue(isFifo(fifo));

    Path d = Files.createDirectory(dir.resolve("r"));
    Path index = mkfifo(d.resolve("index.html"));
    assertRefused(
        cli("run", "--report", d.toString(), program.toString()),
        "gil-lab: cannot write --report '"
            + d
            + "': '"
            + index
            + "' is a FIFO, not a regular"
            + " file");
    assertTrue(isFifo(index));
    assertEquals(1, count(d), "nothing else written");
  }

  /** As {@link #jsonInAReadOnlyFolder}: refused for an ordinary user, written by root. */
  @Test
  void reportIntoAReadOnlyFolder() throws Exception {
    Path ro = Files.createDirectory(dir.resolve("ro"));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      Cli r = cli("run", "--report", ro.toString(), program.toString());
      if (isRoot()) {
        assertProgramRan(r);
        assertReport(ro);
      } else {
        assertRefused(
            r,
            "gil-lab: cannot write --report '" + ro + "': the folder '" + ro + "' is not writable");
        assertEquals(0, count(ro));
      }
    } finally {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void anEmptyReportNameIsRefused() {
    assertRefused(
        cli("run", "--report", "", program.toString()),
        "gil-lab: cannot write --report '': no name");
    assertRefused(cli("--report", "", "deadlock"), "gil-lab: cannot write --report '': no name");
  }

  // ---- gone after the check ----------------------------------------------------------------

  /**
   * A path that passed the check and whose folder is gone by the time it is written: exit 1, and
   * the last line says an output failed, not an experiment.
   */
  @Test
  void jsonWhoseFolderGoesDuringTheRunIsAFailedOutputNotAFailedExperiment() throws Exception {
    Path gone = Files.createDirectory(dir.resolve("gone"));
    Cli r = cliRemovingAsItRuns(gone, "deadlock", "--json", gone.resolve("r.json").toString());
    assertEquals(1, r.exit(), r.err());
    assertEquals("gil-lab: the --json file was not written; see above", lastLine(r.err()), r.err());
  }

  /** As {@link #jsonWhoseFolderGoesDuringTheRunIsAFailedOutputNotAFailedExperiment}. */
  @Test
  void reportWhoseFolderGoesDuringTheRunIsAFailedOutputNotAFailedExperiment() throws Exception {
    Path gone = Files.createDirectory(dir.resolve("gone"));
    Cli r = cliRemovingAsItRuns(gone, "deadlock", "--report", gone.resolve("r").toString());
    assertEquals(1, r.exit(), r.err());
    assertEquals(
        "gil-lab: the --report folder was not written; see above", lastLine(r.err()), r.err());
  }

  /**
   * A program that ran, whose {@code --report} folder is gone by the time it is written: exit 1, as
   * the suite's, and the line says the report was not written.
   */
  @Test
  void runWhoseReportFolderGoesWhileTheProgramRunsExitsOne() throws Exception {
    Path gone = Files.createDirectory(dir.resolve("gone"));
    Cli r =
        cliRemovingWhen(
            "ran", gone, "run", "--report", gone.resolve("r").toString(), program.toString());
    assertEquals("ran\n", r.out().replace("\r", ""));
    assertTrue(r.err().contains("gil-lab: the report could not be written"), r.err());
    assertEquals(1, r.exit(), r.err());
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** The command, in process; a bounded wait, whatever it does. */
  private static Cli cli(String... args) {
    return assertTimeoutPreemptively(ofMinutes(2), () -> Cli.run(args));
  }

  /**
   * The command, in process, deleting the empty folder {@code gone} as soon as {@code marker}
   * appears on its standard output or error: after the output paths were checked, before anything
   * is written.
   */
  private static Cli cliRemovingWhen(String marker, Path gone, String... args) {
    return assertTimeoutPreemptively(
        ofMinutes(2),
        () -> {
          Runnable remove =
              () -> {
                try {
                  Files.deleteIfExists(gone);
                } catch (IOException x) {
                  throw new UncheckedIOException(x);
                }
              };
          Watched out = new Watched(marker, remove);
          Watched err = new Watched(marker, remove);
          int exit =
              GilLab.run(
                  args,
                  new PrintStream(out, true, StandardCharsets.UTF_8),
                  new PrintStream(err, true, StandardCharsets.UTF_8));
          return new Cli(
              exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        });
  }

  /** {@link #cliRemovingWhen}, the folder removed when the first experiment starts. */
  private static Cli cliRemovingAsItRuns(Path gone, String... args) {
    return cliRemovingWhen("gil-lab: running ", gone, args);
  }

  /** A byte sink that runs {@code then} once, when {@code marker} first shows in what it holds. */
  private static final class Watched extends ByteArrayOutputStream {
    private final String marker;
    private final Runnable then;
    private boolean seen;

    Watched(String marker, Runnable then) {
      this.marker = marker;
      this.then = then;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      super.write(b, off, len);
      check();
    }

    @Override
    public synchronized void write(int b) {
      super.write(b);
      check();
    }

    private void check() {
      if (!seen && toString(StandardCharsets.UTF_8).contains(marker)) {
        seen = true;
        then.run();
      }
    }
  }

  private static String lastLine(String text) {
    List<String> lines = text.lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  /** {@code deadlock --json json} is refused, the line saying {@code why}. */
  private static void assertJsonRefused(Path json, String why) {
    assertRefused(
        cli("deadlock", "--json", json.toString()),
        "gil-lab: cannot write --json '" + json + "': " + why);
  }

  /** Exit 2, exactly {@code line} on standard error, nothing on standard output. */
  private static void assertRefused(Cli r, String line) {
    assertEquals(2, r.exit(), r.err());
    assertEquals(List.of(line), r.err().lines().toList());
    assertEquals("", r.out());
  }

  private static void assertRan(Cli r) {
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("deadlock"), r.out());
  }

  private static void assertProgramRan(Cli r) {
    assertEquals(0, r.exit(), r.err());
    assertEquals("ran\n", r.out().replace("\r", ""));
  }

  private static void assertJson(Path f) throws IOException {
    assertTrue(Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS), f + " is a regular file");
    assertEquals(1, JsonResults.read(f).deadlock().size());
  }

  /** The three files, regular, with the mode a new file gets. */
  private void assertReport(Path d) throws IOException {
    for (String name : List.of("index.html", "results.json", "gil-trace.json")) {
      Path f = d.resolve(name);
      assertTrue(Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS), f + " is a regular file");
      assertEquals(newFileMode, Files.getPosixFilePermissions(f), name);
    }
    assertEquals(3, count(d), "no temporary file left");
    assertTrue(
        Files.readString(d.resolve("index.html"), StandardCharsets.UTF_8)
            .startsWith("<!DOCTYPE html>"));
  }

  private static long count(Path d) throws IOException {
    try (var files = Files.list(d)) {
      return files.count();
    }
  }

  /** Root's files are owned by uid 0: a file just made says who runs the tests. */
  private boolean isRoot() throws IOException {
    return (Integer) Files.getAttribute(dir.resolve("probe-file"), "unix:uid") == 0;
  }

  private static boolean isFifo(Path p) throws IOException {
    return ((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000)
        == 0010000;
  }

  /** Makes a FIFO with {@code mkfifo}; the test is skipped where there is none. */
  private static Path mkfifo(Path p) throws Exception {
    Process proc;
    try {
      proc = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "no mkfifo here: " + e.getMessage());
      throw e;
    }
    assertTrue(proc.waitFor(30, TimeUnit.SECONDS), "mkfifo did not finish");
    assumeTrue(proc.exitValue() == 0, "mkfifo failed");
    assertTrue(isFifo(p));
    return p;
  }
}
