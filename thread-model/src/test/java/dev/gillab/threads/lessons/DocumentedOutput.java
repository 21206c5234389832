package dev.gillab.threads.lessons;

import static com.google.common.base.Preconditions.checkState;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the output a lesson documents in its Javadoc ({@code <h2>Output</h2>} then a {@code
 * <pre>} block) and runs the lesson to capture what it really prints, so a test can hold the
 * two together and the documentation never drifts from the code.
 */
final class DocumentedOutput {
  private DocumentedOutput() {}

  /** The lines of the lesson's documented output, unescaped. */
  static List<String> documented(Class<?> lesson) throws IOException {
    Path source = Path.of("src/main/java", lesson.getName().replace('.', '/') + ".java");
    List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
    int heading = indexOf(lines, "<h2>Output</h2>", 0);
    int open = indexOf(lines, "<pre>", heading);
    int close = indexOf(lines, "</pre>", open + 1);
    List<String> out = new ArrayList<>();
    for (String line : lines.subList(open + 1, close)) {
      String text = line.replaceFirst("^\\s*\\*( |$)", "");
      out.add(text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
    }
    return out;
  }

  /** Runs {@code main} with no arguments and answers the lines it printed. */
  static List<String> printedBy(Class<?> lesson) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      lesson.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static int indexOf(List<String> lines, String marker, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return i;
      }
    }
    checkState(false, "no %s after line %s", marker, from);
    return -1;
  }
}
