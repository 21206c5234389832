package dev.gillab.gil.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.gil.Captured;
import dev.gillab.gil.Dis;
import dev.gillab.gil.Examples;
import dev.gillab.testing.LessonDocs;
import java.io.IOException;
import java.io.PrintStream;
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
    Captured out = new Captured();
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> lesson.run(out.stream()));
    return out.text().lines().toList();
  }

  /** A line a lesson prints: exactly {@code text}, or any line the regex {@code text} matches. */
  record Line(String text, boolean regex) {
    void check(String line) {
      if (regex) {
        assertTrue(line.matches(text), "'" + line + "' does not match " + text);
      } else {
        assertEquals(text, line);
      }
    }
  }

  private static Line is(String text) {
    return new Line(text, false);
  }

  private static Line like(String regex) {
    return new Line(regex, true);
  }

  /** Each lesson, run small, and the lines it prints, as its Javadoc and the README show them. */
  static Stream<Arguments> lessonOutputs() {
    return Stream.of(
        Arguments.of(
            "Gil_01_OneRunnerAtATime",
            (Lesson) Gil_01_OneRunnerAtATime::run,
            List.of(
                is("Java threads, no GIL: 3 threads calling probe() at once"),
                is("  most threads inside probe() at the same moment: 3"),
                is(
                    "interpreter threads under the GIL: 3 threads looping on probe() until all 3 have been inside"),
                is("  threads that ran: 3"),
                is("  most threads inside the eval loop at the same moment: 1"),
                is("  the GIL changed hands: yes"))),
        Arguments.of(
            "Gil_02_IoReleasesTheGil",
            (Lesson) Gil_02_IoReleasesTheGil::run,
            List.of(
                is("broken: recv() holds the GIL while it waits"),
                is("  receiver got: None (gave up after 300 ms: the sender never got the GIL)"),
                is("fixed: recv() releases the GIL while it waits"),
                is("  receiver got: hello"),
                is("better: 4 threads each time.sleep(0.2), which releases the GIL"),
                like("  finished in \\d+ ms \\(one after another they would take 800 ms\\)"))),
        Arguments.of(
            "Gil_03_CpuBoundRunsSerially",
            (Lesson) out -> Gil_03_CpuBoundRunsSerially.run(out, 300_000L),
            List.of(
                like("countdown\\(300,000\\) twice, one after the other: \\d+ ms"),
                like("countdown\\(300,000\\) in 2 threads at once:       \\d+ ms"),
                like("speed-up from the second thread: \\d+\\.\\d\\dx \\(\\d+ cores?, one GIL\\)"),
                like("the GIL changed hands \\d+ times while the two threads ran"))),
        Arguments.of(
            "Gil_04_SwitchInterval",
            (Lesson) out -> Gil_04_SwitchInterval.run(out, 2_000_000L),
            List.of(
                is("getswitchinterval(): 5ms"),
                is("2 CPU-bound threads, countdown(2,000,000) each, per switch interval:"),
                like(interval("1ms\\): ")),
                like(interval("5ms\\): ")),
                like(interval("20ms\\):")),
                is("a longer interval: fewer switches, each waiter waits about one interval"))),
        Arguments.of(
            "Gil_05_ConvoyEffect",
            (Lesson) out -> Gil_05_ConvoyEffect.run(out, 40),
            List.of(
                is("40 echo round trips over loopback (send and recv each release the GIL)"),
                like("  alone: +per round trip +\\d+\\.\\d\\d ms"),
                like(
                    "  beside a CPU thread, interval: +per round trip +\\d+\\.\\d\\d ms \\(\\d+x alone\\)"),
                like(
                    "  beside a CPU thread, ioPriority: +per round trip +\\d+\\.\\d\\d ms \\(\\d+x alone\\)"))),
        Arguments.of(
            "Gil_06_GilDoesNotMakeYourCodeAtomic",
            (Lesson) out -> Gil_06_GilDoesNotMakeYourCodeAtomic.run(out, 50_000L),
            List.of(
                is("2 threads each run counter += 1 50,000 times (expected 100,000)"),
                is("broken: breaker checked before every instruction, interval(5ms)"),
                like(LOST),
                is("broken: ticks(1), a release after every instruction"),
                like(LOST),
                is("lucky: breaker only at backward jumps and calls, interval(5ms)"),
                is(
                    "  counter = 100,000 of 100,000: no update lost; heap after close: 0 objects alive"),
                is(
                    "the GIL kept every reference count right; only a lock of your own makes counter += 1 atomic"))),
        Arguments.of(
            "Gil_07_FreeThreadingNeedsSafeCounts",
            (Lesson) out -> Gil_07_FreeThreadingNeedsSafeCounts.run(out, 300_000L),
            List.of(
                is("no GIL, 2 threads at once each load a shared global 300,000 times"),
                is(
                    "PLAIN counts: refused: interpreter 'plain' has no GIL (policy none) but PLAIN reference"
                        + " counts, which only a GIL keeps correct: use ATOMIC or BIASED, or call"
                        + " allowUnsafePlainCounts(true) to run it anyway and watch the heap catch the damage"),
                like(
                    "PLAIN counts, allowUnsafePlainCounts\\(true\\): the heap caught it: (use after free|double free|leak .*)"),
                is("ATOMIC counts: clean (both threads finished, 0 objects alive after close)"),
                is("BIASED counts: clean (both threads finished, 0 objects alive after close)"))),
        Arguments.of(
            "Gil_08_OldGilThrashes",
            (Lesson) out -> Gil_08_OldGilThrashes.run(out, 1_000_000L),
            List.of(
                like("2 threads, countdown\\(1,000,000\\) each, \\d+ cores?"),
                like(
                    "ticks\\(100\\): +releases [\\d,]+, switches [\\d,]+, re-taken by the releaser \\d+\\.\\d%, \\d+ ms"),
                like(
                    "interval\\(5ms\\): releases [\\d,]+, switches [\\d,]+, re-taken by the releaser \\d+\\.\\d%, \\d+ ms"),
                like("ticks released the GIL [\\d,]+x as often to switch it [\\d,]+x as often"))));
  }

  /** Gil_06's line for a run that lost updates. */
  private static final String LOST =
      "  counter = [\\d,]+ of [\\d,]+: [\\d,]+ updates lost; heap after close: 0 objects alive";

  /** Gil_04's line for one switch interval, {@code ms} its regex from the digits on. */
  private static String interval(String ms) {
    return "  setswitchinterval\\("
        + ms
        + " +switches +\\d+, median wait for the GIL +\\d+\\.\\d ms";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lessonOutputs")
  void aLessonPrintsWhatItSaysItPrints(String lesson, Lesson run, List<Line> expected) {
    List<String> lines = output(run);
    assertEquals(
        expected.size(), lines.size(), () -> lesson + " printed:\n" + String.join("\n", lines));
    for (int i = 0; i < expected.size(); i++) {
      expected.get(i).check(lines.get(i));
    }
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
          () ->
              lesson.getSimpleName()
                  + " shows lines that are not in "
                  + files
                  + ":\n"
                  + String.join("\n", block));
    }
  }

  /** Every Python block of the chapter's README is a run of lines of one of its program files. */
  @Test
  void theReadmeShowsTheProgramsAsTheyAre() throws IOException {
    List<List<String>> programs;
    try (Stream<Path> files = Files.list(PROGRAMS)) {
      programs =
          files
              .filter(f -> f.toString().endsWith(".py"))
              .sorted()
              .map(f -> Examples.source(f.getFileName().toString()).lines().toList())
              .toList();
    }
    String[] fences = Files.readString(Path.of("README.md")).split("```", -1);
    int shown = 0;
    // Odd pieces are inside a fence; a Python block is one whose info string is "python".
    for (int i = 1; i < fences.length; i += 2) {
      if (fences[i].startsWith("python\n")) {
        List<String> block =
            fences[i].substring("python\n".length()).stripTrailing().lines().toList();
        assertTrue(
            programs.stream().anyMatch(p -> Collections.indexOfSubList(p, block) >= 0),
            () -> "the README shows Python that no program file has:\n" + String.join("\n", block));
        shown++;
      }
    }
    assertTrue(shown > 0, "the README shows the lessons' programs");
  }

  /** AllLessons runs every lesson of the chapter, in the order their names number them. */
  @Test
  void allLessonsListsEveryLessonInOrder() throws IOException {
    List<String> lessons;
    try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/gillab/gil/lessons"))) {
      lessons =
          files
              .map(f -> f.getFileName().toString())
              .filter(f -> f.matches("Gil_\\d\\d_\\w+\\.java"))
              .map(f -> f.substring(0, f.length() - ".java".length()))
              .sorted()
              .toList();
    }
    assertEquals(lessons, AllLessons.LESSONS.stream().map(Class::getSimpleName).toList());
  }
}
