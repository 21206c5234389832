package dev.gillab.process;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a lesson's documentation says it prints: its Javadoc's Output block, and the README. */
final class LessonDocs {
  private static final Path LESSON_SOURCES = Path.of("src/main/java/dev/gillab/process/lessons");
  private static final Path README = Path.of("README.md");

  private LessonDocs() {}

  /** The lines of the {@code <pre>} block under "Output" in a lesson's class Javadoc. */
  static List<String> documentedOutput(Class<?> lesson) throws IOException {
    String source = Files.readString(LESSON_SOURCES.resolve(lesson.getSimpleName() + ".java"));
    int output = source.indexOf("<h2>Output</h2>");
    int pre = source.indexOf("<pre>", output);
    int end = source.indexOf("</pre>", pre);
    assertTrue(output > 0 && pre > output && end > pre, lesson + " documents its output");
    List<String> lines = new ArrayList<>();
    for (String line : source.substring(pre + "<pre>".length(), end).split("\n", -1)) {
      String text = line.strip();
      text = text.startsWith("* ") ? text.substring(2) : text.equals("*") ? "" : text;
      lines.add(text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
    }
    // The first entry is what follows <pre> on its own line, the last the indent before </pre>.
    return lines.subList(1, lines.size() - 1);
  }

  /** The lines of the code block that follows the lesson's heading in the module README. */
  static List<String> readmeOutput(Class<?> lesson) throws IOException {
    String readme = Files.readString(README);
    int heading = readme.indexOf("### " + lesson.getSimpleName() + "\n");
    int start = readme.indexOf("```\n", heading);
    int end = readme.indexOf("\n```", start + 4);
    assertTrue(heading >= 0 && start > heading && end > start, lesson + " is shown in the README");
    return List.of(readme.substring(start + 4, end).split("\n", -1));
  }
}
