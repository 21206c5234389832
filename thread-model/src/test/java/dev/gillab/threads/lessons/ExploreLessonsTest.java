package dev.gillab.threads.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The explorer lessons print exactly what their Javadoc (and the module README) shows. */
@Timeout(120)
class ExploreLessonsTest {
  @ParameterizedTest
  @ValueSource(classes = {
      Explore_01_FourOfSixSchedulesLoseAnUpdate.class,
      Explore_02_ReplayIsExact.class,
      Explore_03_OppositeOrderDeadlocks.class})
  void printsWhatItDocuments(Class<?> lesson) throws Exception {
    assertEquals(DocumentedOutput.documented(lesson), DocumentedOutput.printedBy(lesson));
  }
}
