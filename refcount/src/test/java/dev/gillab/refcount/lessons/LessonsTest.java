package dev.gillab.refcount.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.testing.LessonDocs;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs every lesson and compares what it prints with the "Output" block of its Javadoc, line by
 * line, so the documented output never drifts. Source line numbers and lambda numbers (in the debug
 * leak report) are the only parts compared by pattern.
 */
@Timeout(60)
class LessonsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "RefCount_01_WhatIsACount",
        "RefCount_02_GetRefCountPlusOne",
        "RefCount_03_RaceWithoutLock",
        "RefCount_04_LockedCounts",
        "RefCount_05_AtomicCounts",
        "RefCount_06_BiasedCounts",
        "RefCount_07_Immortals"
      })
  void printsWhatItsJavadocSays(String lesson) throws Exception {
    List<String> expected = documentedOutput(lesson);
    List<String> actual = run(lesson);

    assertFalse(expected.isEmpty(), lesson + " documents no output");
    assertEquals(normalize(expected), normalize(actual), lesson);
  }

  @ParameterizedTest
  @ValueSource(strings = {"RefCount_03_RaceWithoutLock"})
  void raceLessonShowsBothFailures(String lesson) throws Exception {
    String out = String.join("\n", run(lesson));
    assertTrue(
        out.contains(
            "UseAfterFreeException: use after free: object #1 has refCount 0;"
                + " value() refused"),
        out);
    assertTrue(out.contains("heap 'plain': 1 object still alive"), out);
    assertTrue(out.contains("allocated at CountRaces.twoHolders(CountRaces.java:"), out);
  }

  static List<String> run(String lesson) throws Exception {
    return nonEmpty(LessonDocs.printedBy(lesson(lesson)));
  }

  static List<String> documentedOutput(String lesson) throws IOException, ClassNotFoundException {
    return nonEmpty(LessonDocs.documentedOutput(lesson(lesson)));
  }

  private static Class<?> lesson(String name) throws ClassNotFoundException {
    return Class.forName("dev.gillab.refcount.lessons." + name);
  }

  private static List<String> nonEmpty(List<String> lines) {
    return lines.stream().filter(l -> !l.isEmpty()).collect(Collectors.toList());
  }

  /** Source line numbers and lambda numbers change with every edit; the rest must not. */
  static List<String> normalize(List<String> lines) {
    return lines.stream()
        .map(
            l ->
                l.replaceAll("\\.java:\\d+\\)", ".java:N)")
                    .replaceAll("lambda\\$(\\w+)\\$\\d+", "lambda\\$$1\\$N"))
        .map(String::stripTrailing)
        .collect(Collectors.toList());
  }
}
