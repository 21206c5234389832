package dev.gillab.threads.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gillab.testing.LessonDocs;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The explorer lessons are deterministic, so each prints exactly what its Javadoc (and the module
 * README) shows, line for line.
 */
@Timeout(120)
class ExploreLessonsTest {
  @ParameterizedTest
  @ValueSource(
      classes = {
        Explore_01_FourOfSixSchedulesLoseAnUpdate.class,
        Explore_02_ReplayIsExact.class,
        Explore_03_OppositeOrderDeadlocks.class
      })
  void printsWhatItDocuments(Class<?> lesson) throws Exception {
    assertEquals(LessonDocs.documentedOutput(lesson), LessonDocs.printedBy(lesson));
  }
}
