package dev.gillab.refcount.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Splitter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs every lesson and compares what it prints with the "Output" block of its Javadoc, line by
 * line, so the documented output never drifts. Source line numbers and lambda numbers (in the
 * debug leak report) are the only parts compared by pattern.
 */
@Timeout(60)
class LessonsTest {
  private static final Pattern OUTPUT_BLOCK =
      Pattern.compile("<h2>Output</h2>.*?<pre>\\n(.*?)\\n \\* </pre>", Pattern.DOTALL);

  @ParameterizedTest
  @ValueSource(strings = {
      "RefCount_01_WhatIsACount",
      "RefCount_02_GetRefCountPlusOne",
      "RefCount_03_RaceWithoutLock",
      "RefCount_04_LockedCounts",
      "RefCount_05_AtomicCounts",
      "RefCount_06_BiasedCounts",
      "RefCount_07_Immortals"})
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
    assertTrue(out.contains("UseAfterFreeException: use after free: object #1 has refCount 0;"
        + " value() refused"), out);
    assertTrue(out.contains("heap 'plain': 1 object still alive"), out);
    assertTrue(out.contains("allocated at CountRaces.twoHolders(CountRaces.java:"), out);
  }

  static List<String> run(String lesson) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      Class.forName("dev.gillab.refcount.lessons." + lesson)
          .getMethod("main", String[].class)
          .invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(original);
    }
    return Splitter.onPattern("\\R").omitEmptyStrings().splitToList(
        bytes.toString(StandardCharsets.UTF_8));
  }

  static List<String> documentedOutput(String lesson) throws IOException {
    Path source = Path.of("src/main/java/dev/gillab/refcount/lessons", lesson + ".java");
    Matcher m = OUTPUT_BLOCK.matcher(Files.readString(source));
    assertTrue(m.find(), lesson + " has no <h2>Output</h2> <pre> block");
    return Splitter.on('\n').splitToStream(m.group(1))
        .map(line -> line.startsWith(" * ") ? line.substring(3) : line.replaceFirst("^ \\*$", ""))
        .map(line -> line.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
        .filter(line -> !line.isEmpty())
        .collect(Collectors.toList());
  }

  /** Source line numbers and lambda numbers change with every edit; the rest must not. */
  static List<String> normalize(List<String> lines) {
    return lines.stream()
        .map(l -> l.replaceAll("\\.java:\\d+\\)", ".java:N)").replaceAll("lambda\\$(\\w+)\\$\\d+", "lambda\\$$1\\$N"))
        .map(String::stripTrailing)
        .collect(Collectors.toList());
  }
}
