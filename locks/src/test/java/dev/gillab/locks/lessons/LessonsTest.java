package dev.gillab.locks.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.testing.LessonDocs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs every lesson and checks what it prints against the Output block of its Javadoc (the README
 * shows the same block): exact lines, except lines given as {@code ~regex} where a figure depends
 * on timing. Also checks that no lesson leaves a thread behind.
 */
@Timeout(60)
class LessonsTest {
  private static final Pattern LESSON_THREADS =
      Pattern.compile(
          "worker.*|writer-.*|P[1-5]|adder-.*|depositor-.*|explore-.*|deadlock-watchdog.*");

  @AfterEach
  void noLessonThreadOutlivesItsLesson() {
    Set<String> alive =
        Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter(n -> LESSON_THREADS.matcher(n).matches())
            .collect(Collectors.toSet());
    assertEquals(Set.of(), alive);
  }

  @Test
  void lock01() throws Exception {
    check(Lock_01_OneHolder.class);
  }

  @Test
  void lock02() throws Exception {
    check(Lock_02_GuardedObject.class);
  }

  @Test
  void deadlock01() throws Exception {
    check(Deadlock_01_OppositeOrder.class);
  }

  @Test
  void deadlock02() throws Exception {
    check(Deadlock_02_GlobalOrder.class);
  }

  @Test
  void deadlock03() throws Exception {
    check(
        Deadlock_03_TimeoutAndBackoff.class,
        "~backoffs along the way: \\d+ \\(varies with timing\\)");
  }

  @Test
  void deadlock04() throws Exception {
    check(Deadlock_04_PotentialDeadlock.class);
  }

  @Test
  void deadlock05() throws Exception {
    check(
        Deadlock_05_DiningPhilosophers.class,
        "~real threads, wait-for THROW: 5,000 meals; later cycles refused and retried: \\d+ "
            + "\\(varies\\)");
  }

  @Test
  void deadlock06() throws Exception {
    check(Deadlock_06_ReadersDoNotBlockReaders.class);
  }

  @Test
  void deadlock07() throws Exception {
    check(Deadlock_07_WriterInTheCycle.class);
  }

  @Test
  void deadlock08() throws Exception {
    check(Deadlock_08_DeclaredSafeOrder.class);
  }

  /**
   * The lesson prints exactly the lines of its Javadoc's Output block, except the lines that match
   * one of {@code varying} ({@code ~regex}, a figure that depends on timing): the documented line
   * and the printed one must both match that pattern.
   */
  private static void check(Class<?> lesson, String... varying) throws Exception {
    List<String> documented = LessonDocs.documentedOutput(lesson);
    String readme = Files.readString(Path.of("README.md"));
    assertTrue(
        readme.contains("```\n" + String.join("\n", documented) + "\n```"),
        () -> "the README shows the Output block of " + lesson.getSimpleName());
    List<Pattern> patterns = new ArrayList<>();
    for (String v : varying) {
      assertTrue(v.startsWith("~"), v);
      Pattern p = Pattern.compile(v.substring(1));
      assertEquals(
          1,
          documented.stream().filter(l -> p.matcher(l).matches()).count(),
          () -> "one documented line matches " + v + " in\n" + String.join("\n", documented));
      patterns.add(p);
    }
    List<String> lines = LessonDocs.printedBy(lesson);
    assertEquals(documented.size(), lines.size(), () -> String.join("\n", lines));
    for (int i = 0; i < documented.size(); i++) {
      String want = documented.get(i);
      String got = lines.get(i);
      Pattern varies =
          patterns.stream().filter(p -> p.matcher(want).matches()).findFirst().orElse(null);
      if (varies != null) {
        assertTrue(varies.matcher(got).matches(), "line " + (i + 1) + ": " + got);
      } else {
        assertEquals(want, got, "line " + (i + 1));
      }
    }
  }
}
