package dev.gillab.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A lesson's documentation, as its test reads it: every lesson's class Javadoc ends with the output
 * it prints, in a {@code <pre>} block under {@code <h2>Output</h2>}, and its chapter (the module's
 * {@code README.md}) shows the same lines in the code block under the lesson's heading. The test
 * compares them with what the lesson prints, so the documentation cannot drift.
 *
 * <p>Paths are relative to the working directory, which Maven sets to the module's folder while its
 * tests run: a lesson's source is {@code src/main/java/<package>/<Lesson>.java}. Stateless.
 */
public final class LessonDocs {
  private LessonDocs() {}

  /**
   * The lines of the {@code <pre>} block under "Output" in {@code lesson}'s class Javadoc, with the
   * comment's {@code " * "} taken off (a line's own leading spaces are output) and <code>&amp;lt;
   * </code>, <code>&amp;gt;</code>, <code>&amp;amp;</code> read back.
   *
   * @param lesson the lesson class
   * @return its documented output, a line each
   * @throws IOException if its source cannot be read
   */
  public static List<String> documentedOutput(Class<?> lesson) throws IOException {
    String source = source(lesson);
    int output = source.indexOf("<h2>Output</h2>");
    int pre = source.indexOf("<pre>", output);
    int end = source.indexOf("</pre>", pre);
    assertTrue(output > 0 && pre > output && end > pre, lesson + " documents its output");
    return block(source, pre, end);
  }

  /**
   * The {@code <pre>} blocks of {@code lesson}'s class Javadoc between the heading {@code
   * <h2>title</h2>} and the next heading, each read as {@link #documentedOutput} reads its block.
   *
   * @param lesson the lesson class
   * @param title the heading's text, e.g. {@code The program}
   * @return the blocks, in order; empty when the heading has none
   * @throws IOException if its source cannot be read
   */
  public static List<List<String>> blocksUnder(Class<?> lesson, String title) throws IOException {
    String source = source(lesson);
    int from = source.indexOf("<h2>" + title + "</h2>");
    int to = source.indexOf("<h2>", from + 1);
    List<List<String>> blocks = new ArrayList<>();
    for (int pre = source.indexOf("<pre>", from);
        from >= 0 && pre >= 0 && (to < 0 || pre < to);
        pre = source.indexOf("<pre>", pre + 1)) {
      blocks.add(block(source, pre, source.indexOf("</pre>", pre)));
    }
    return blocks;
  }

  /**
   * The lines of the code block that follows the heading {@code ### <Lesson>} in the module's
   * {@code README.md}.
   *
   * @param lesson the lesson class
   * @return the block's lines
   * @throws IOException if the README cannot be read
   */
  public static List<String> readmeOutput(Class<?> lesson) throws IOException {
    String readme = Files.readString(Path.of("README.md"), UTF_8);
    int heading = readme.indexOf("### " + lesson.getSimpleName() + "\n");
    int start = readme.indexOf("```\n", heading);
    int end = readme.indexOf("\n```", start + 4);
    assertTrue(heading >= 0 && start > heading && end > start, lesson + " is shown in the README");
    return List.of(readme.substring(start + 4, end).split("\n", -1));
  }

  /**
   * Runs {@code lesson}'s {@code main} with no arguments and answers what it printed on standard
   * output, a line each; the calling thread keeps its name, whatever the lesson renames.
   *
   * @param lesson the lesson class
   * @return the printed lines
   * @throws Exception whatever {@code main} throws
   */
  public static List<String> printedBy(Class<?> lesson) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String name = Thread.currentThread().getName();
    try (PrintStream capture = new PrintStream(bytes, true, UTF_8)) {
      System.setOut(capture);
      lesson.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    } finally {
      System.setOut(original);
      Thread.currentThread().setName(name);
    }
    return bytes.toString(UTF_8).lines().toList();
  }

  private static String source(Class<?> lesson) throws IOException {
    return Files.readString(
        Path.of("src/main/java", lesson.getName().replace('.', '/') + ".java"), UTF_8);
  }

  /** The block from {@code pre} to {@code end}: its first and last entries are not lines. */
  private static List<String> block(String source, int pre, int end) {
    List<String> lines = new ArrayList<>();
    for (String line : source.substring(pre + "<pre>".length(), end).split("\n", -1)) {
      String text =
          line.startsWith(" * ") ? line.substring(3) : line.strip().equals("*") ? "" : line;
      lines.add(text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
    }
    // The first entry is what follows <pre> on its own line, the last the indent before </pre>.
    return lines.subList(1, lines.size() - 1);
  }
}
