package dev.gillab.gil.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.gil.Dis;
import dev.gillab.gil.Examples;
import dev.gillab.testing.LessonDocs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lessons print what their Javadoc and the README say they print, and show the programs they
 * run as those programs are.
 */
class LessonsTest {
  private static final Path PROGRAMS = Path.of("src/main/resources/dev/gillab/gil/programs");

  interface Lesson {
    void run(PrintStream out) throws Exception;
  }

  private static List<String> output(Lesson lesson) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> lesson.run(out));
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static void matches(String regex, String line) {
    assertTrue(line.matches(regex), "'" + line + "' does not match " + regex);
  }

  @Test
  void oneRunnerAtATime() {
    assertEquals(
        List.of(
            "Java threads, no GIL: 3 threads calling probe() at once",
            "  most threads inside probe() at the same moment: 3",
            "interpreter threads under the GIL: 3 threads looping on probe() until all 3 have been inside",
            "  threads that ran: 3",
            "  most threads inside the eval loop at the same moment: 1",
            "  the GIL changed hands: yes"),
        output(Gil_01_OneRunnerAtATime::run));
  }

  @Test
  void ioReleasesTheGil() {
    List<String> lines = output(Gil_02_IoReleasesTheGil::run);
    assertEquals(
        List.of(
            "broken: recv() holds the GIL while it waits",
            "  receiver got: None (gave up after 300 ms: the sender never got the GIL)",
            "fixed: recv() releases the GIL while it waits",
            "  receiver got: hello",
            "better: 4 threads each time.sleep(0.2), which releases the GIL"),
        lines.subList(0, 5));
    matches("  finished in \\d+ ms \\(one after another they would take 800 ms\\)", lines.get(5));
    assertEquals(6, lines.size());
  }

  @Test
  void cpuBoundRunsSerially() {
    List<String> lines = output(out -> Gil_03_CpuBoundRunsSerially.run(out, 300_000L));
    assertEquals(4, lines.size());
    matches("countdown\\(300,000\\) twice, one after the other: \\d+ ms", lines.get(0));
    matches("countdown\\(300,000\\) in 2 threads at once:       \\d+ ms", lines.get(1));
    matches("speed-up from the second thread: \\d+\\.\\d\\dx \\(\\d+ cores?, one GIL\\)", lines.get(2));
    matches("the GIL changed hands \\d+ times while the two threads ran", lines.get(3));
  }

  @Test
  void switchInterval() {
    List<String> lines = output(out -> Gil_04_SwitchInterval.run(out, 2_000_000L));
    assertEquals(6, lines.size());
    assertEquals("getswitchinterval(): 5ms", lines.get(0));
    assertEquals("2 CPU-bound threads, countdown(2,000,000) each, per switch interval:", lines.get(1));
    for (int i = 0; i < 3; i++) {
      String ms = new String[] {"1ms): ", "5ms): ", "20ms):"}[i];
      matches(
          "  setswitchinterval\\(" + ms.replace(")", "\\)") + " +switches +\\d+, median wait for the GIL +\\d+\\.\\d ms",
          lines.get(2 + i));
    }
    assertEquals("a longer interval: fewer switches, each waiter waits about one interval", lines.get(5));
  }

  @Test
  void convoyEffect() {
    List<String> lines = output(out -> Gil_05_ConvoyEffect.run(out, 40));
    assertEquals(4, lines.size());
    assertEquals("40 echo round trips over loopback (send and recv each release the GIL)", lines.get(0));
    matches("  alone: +per round trip +\\d+\\.\\d\\d ms", lines.get(1));
    matches("  beside a CPU thread, interval: +per round trip +\\d+\\.\\d\\d ms \\(\\d+x alone\\)", lines.get(2));
    matches("  beside a CPU thread, ioPriority: +per round trip +\\d+\\.\\d\\d ms \\(\\d+x alone\\)", lines.get(3));
  }

  @Test
  void gilDoesNotMakeYourCodeAtomic() {
    List<String> lines = output(out -> Gil_06_GilDoesNotMakeYourCodeAtomic.run(out, 50_000L));
    assertEquals(8, lines.size());
    assertEquals("2 threads each run counter += 1 50,000 times (expected 100,000)", lines.get(0));
    assertEquals("broken: breaker checked before every instruction, interval(5ms)", lines.get(1));
    matches("  counter = [\\d,]+: [\\d,]+ updates lost; heap after close: 0 objects alive", lines.get(2));
    assertEquals("broken: ticks(1), a release after every instruction", lines.get(3));
    matches("  counter = [\\d,]+: [\\d,]+ updates lost; heap after close: 0 objects alive", lines.get(4));
    assertEquals(
        List.of(
            "lucky: breaker only at backward jumps and calls, interval(5ms)",
            "  counter = 100,000: no update lost; heap after close: 0 objects alive",
            "the GIL kept every reference count right; only a lock of your own makes counter += 1 atomic"),
        lines.subList(5, 8));
  }

  @Test
  void freeThreadingNeedsSafeCounts() {
    List<String> lines = output(out -> Gil_07_FreeThreadingNeedsSafeCounts.run(out, 300_000L));
    assertEquals(
        List.of(
            "no GIL, 2 threads at once each load a shared global 300,000 times",
            "PLAIN counts: refused: interpreter 'plain' has no GIL (policy none) but PLAIN reference"
                + " counts, which only a GIL keeps correct: use ATOMIC or BIASED, or call"
                + " allowUnsafePlainCounts(true) to run it anyway and watch the heap catch the damage"),
        lines.subList(0, 2));
    matches(
        "PLAIN counts, allowUnsafePlainCounts\\(true\\): the heap caught it: (use after free|double free|leak .*)",
        lines.get(2));
    assertEquals(
        List.of(
            "ATOMIC counts: clean (both threads finished, 0 objects alive after close)",
            "BIASED counts: clean (both threads finished, 0 objects alive after close)"),
        lines.subList(3, 5));
    assertEquals(5, lines.size());
  }

  @Test
  void oldGilThrashes() {
    List<String> lines = output(out -> Gil_08_OldGilThrashes.run(out, 1_000_000L));
    assertEquals(4, lines.size());
    matches("2 threads, countdown\\(1,000,000\\) each, \\d+ cores?", lines.get(0));
    matches("ticks\\(100\\): +releases [\\d,]+, switches [\\d,]+, re-taken by the releaser \\d+\\.\\d%, \\d+ ms", lines.get(1));
    matches("interval\\(5ms\\): releases [\\d,]+, switches [\\d,]+, re-taken by the releaser \\d+\\.\\d%, \\d+ ms", lines.get(2));
    matches("ticks released the GIL [\\d,]+x as often to switch it [\\d,]+x as often", lines.get(3));
  }

  static Stream<Arguments> programsShown() {
    return Stream.of(
        Arguments.of(Gil_01_OneRunnerAtATime.class, List.of("probe_loop.py")),
        Arguments.of(Gil_02_IoReleasesTheGil.class, List.of("message.py", "nap.py")),
        Arguments.of(Gil_03_CpuBoundRunsSerially.class, List.of("countdown.py")),
        Arguments.of(Gil_04_SwitchInterval.class, List.of("countdown.py")),
        Arguments.of(Gil_05_ConvoyEffect.class, List.of("send_recv.py", "spin.py")),
        Arguments.of(Gil_06_GilDoesNotMakeYourCodeAtomic.class, List.of("racing_counter.py")),
        Arguments.of(Gil_07_FreeThreadingNeedsSafeCounts.class, List.of("shared_loads.py")),
        Arguments.of(Gil_08_OldGilThrashes.class, List.of("countdown.py")));
  }

  /**
   * A lesson's Javadoc shows its Python, then its bytecode, as copies: every {@code <pre>} block
   * under "The program" is a run of consecutive lines of one of the lesson's program files or of
   * their disassembly ({@link Dis#dis}), so a copy that drifts from the program fails here.
   */
  @ParameterizedTest
  @MethodSource("programsShown")
  void aLessonShowsItsProgramsAsTheyAre(Class<?> lesson, List<String> files) throws IOException {
    List<List<String>> shown = LessonDocs.blocksUnder(lesson, "The program");
    assertTrue(!shown.isEmpty(), lesson.getSimpleName() + " shows the program it runs");
    List<List<String>> texts = new ArrayList<>();
    for (String file : files) {
      texts.add(Examples.source(file).lines().toList());
      texts.add(Dis.dis(Examples.module(file)).lines().map(String::stripTrailing).toList());
    }
    for (List<String> block : shown) {
      assertTrue(
          texts.stream().anyMatch(t -> Collections.indexOfSubList(t, block) >= 0),
          () -> lesson.getSimpleName() + " shows lines that are not in " + files + ":\n"
              + String.join("\n", block));
    }
  }

  /** Every Python block of the chapter's README is a run of lines of one of its program files. */
  @Test
  void theReadmeShowsTheProgramsAsTheyAre() throws IOException {
    List<List<String>> programs;
    try (Stream<Path> files = Files.list(PROGRAMS)) {
      programs = files.filter(f -> f.toString().endsWith(".py")).sorted()
          .map(f -> Examples.source(f.getFileName().toString()).lines().toList()).toList();
    }
    String[] fences = Files.readString(Path.of("README.md")).split("```", -1);
    int shown = 0;
    // Odd pieces are inside a fence; a Python block is one whose info string is "python".
    for (int i = 1; i < fences.length; i += 2) {
      if (fences[i].startsWith("python\n")) {
        List<String> block = fences[i].substring("python\n".length()).stripTrailing().lines()
            .toList();
        assertTrue(
            programs.stream().anyMatch(p -> Collections.indexOfSubList(p, block) >= 0),
            () -> "the README shows Python that no program file has:\n" + String.join("\n", block));
        shown++;
      }
    }
    assertTrue(shown > 0, "the README shows the lessons' programs");
  }
}
