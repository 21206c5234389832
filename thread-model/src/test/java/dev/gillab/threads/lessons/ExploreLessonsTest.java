package dev.gillab.threads.lessons;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The explorer lessons are deterministic, so each prints exactly what its Javadoc (and the
 * module README) shows, line for line.
 */
@Timeout(120)
class ExploreLessonsTest {
  @ParameterizedTest
  @ValueSource(classes = {
      Explore_01_FourOfSixSchedulesLoseAnUpdate.class,
      Explore_02_ReplayIsExact.class,
      Explore_03_OppositeOrderDeadlocks.class})
  void printsWhatItDocuments(Class<?> lesson) throws Exception {
    assertEquals(LessonsTest.documentedOutput(lesson), printedBy(lesson));
  }

  /** Runs the lesson's {@code main} and answers the lines it printed. */
  private static List<String> printedBy(Class<?> lesson) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(bytes, true, UTF_8));
    try {
      lesson.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(original);
    }
    return bytes.toString(UTF_8).lines().toList();
  }
}
