package dev.gillab.gil.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lessons print what their Javadoc and the README say they print. */
class LessonsTest {
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
            "better: 4 threads each sleep(200), which releases the GIL"),
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
}
