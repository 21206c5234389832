package dev.gillab.threads.lessons;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.testing.LessonDocs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Checks what each lesson prints: exact lines where the output is deterministic, patterns and
 * arithmetic where a figure varies. The same checks run on the output block of each lesson's
 * Javadoc, so the documentation cannot drift from the code. Lost updates are never required: only
 * that nothing impossible is printed.
 */
@Timeout(120)
class LessonsTest {
  private static final Path LESSON_SOURCES = Path.of("src/main/java/dev/gillab/threads/lessons");

  private static final String NUMBER = "(\\d{1,3}(?:,\\d{3})*)";

  private Set<Thread> threadsBefore;

  /** What a lesson printed, as lines. */
  @FunctionalInterface
  interface Lesson {
    void run(PrintStream out) throws Exception;
  }

  @BeforeEach
  void rememberThreads() {
    threadsBefore = Thread.getAllStackTraces().keySet();
  }

  @AfterEach
  void noLessonLeavesAThreadBehind() {
    List<String> left =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && !threadsBefore.contains(t))
            .map(Thread::getName)
            .filter(
                n ->
                    n.startsWith("adder-")
                        || n.startsWith("tally-")
                        || n.equals("writer")
                        || n.equals("reader"))
            .collect(Collectors.toList());
    assertEquals(List.of(), left);
  }

  private static List<String> output(Lesson lesson) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, UTF_8)) {
      lesson.run(out);
    }
    return bytes.toString(UTF_8).lines().collect(Collectors.toList());
  }

  private static void checkBoth(Class<?> lesson, Lesson run, Consumer<List<String>> check)
      throws Exception {
    check.accept(output(run));
    check.accept(LessonDocs.documentedOutput(lesson));
  }

  private static long number(String grouped) {
    return Long.parseLong(grouped.replace(",", ""));
  }

  private static Matcher matchLine(String regex, String line) {
    Matcher m = Pattern.compile(regex).matcher(line);
    assertTrue(m.matches(), () -> "expected /" + regex + "/ but got: " + line);
    return m;
  }

  @Test
  void threads01ShowsOneGlobalSeenByThreeThreads() throws Exception {
    checkBoth(
        Threads_01_SharedGlobal.class,
        Threads_01_SharedGlobal::run,
        lines ->
            assertEquals(
                List.of(
                    "main, before:              greeting = \"set by main\", counter = 0",
                    "writer, done:              greeting = \"set by writer\", counter = 1000",
                    "main, after writer.join(): greeting = \"set by writer\", counter = 1000",
                    "reader, started after:     greeting = \"set by writer\", counter = 1000",
                    "One copy of each static field, shared by every thread of the process.",
                    "join() and start() order the threads: the writer's writes happen-before"
                        + " main's reads."),
                lines));
  }

  @Test
  void threads02PrintsExpectedAndObservedAndNeverMoreThanExpected() throws Exception {
    checkBoth(Threads_02_LostUpdate.class, Threads_02_LostUpdate::run, this::checkLostUpdate);
  }

  private void checkLostUpdate(List<String> lines) {
    assertEquals(11, lines.size(), () -> String.join("\n", lines));
    assertEquals(
        "4 threads each do count++ 1,000,000 times on one shared counter, without a lock",
        lines.get(0));
    assertEquals("expected: 4,000,000", lines.get(1));
    long observed = number(matchLine("observed: " + NUMBER, lines.get(2)).group(1));
    Matcher lost = matchLine("lost:     " + NUMBER + " \\((\\d+\\.\\d)%\\)", lines.get(3));
    assertTrue(observed <= 4_000_000, "observed " + observed);
    assertEquals(4_000_000 - observed, number(lost.group(1)));
    assertEquals(
        String.format(java.util.Locale.ROOT, "%.1f", 100.0 * (4_000_000 - observed) / 4_000_000),
        lost.group(2));
    assertEquals(
        observed < 4_000_000
            ? "count++ is read, add, write: two threads that read the same value both write"
                + " value+1."
            : "No update lost this time: the threads happened not to overlap. Run it again.",
        lines.get(4));
    assertEquals("", lines.get(5));
    assertEquals(
        "The race in miniature: x = 0, two threads each do x++ once; 20,000 rounds", lines.get(6));
    long rounds =
        checkTally(
            lines.subList(7, 11),
            "x++ by two threads",
            "2\\s+" + NUMBER + "\\s+[\\d.]+%  ACCEPTABLE\\s+both increments landed",
            "1\\s+"
                + NUMBER
                + "\\s+[\\d.]+%  ACCEPTABLE_INTERESTING  both read 0: one increment"
                + " lost");
    assertTrue(rounds >= 1 && rounds <= 20_000);
  }

  /**
   * Checks a summary line, the table header and two rows whose samples add up to the rounds;
   * returns the rounds.
   */
  private static long checkTally(List<String> lines, String name, String row2, String row1) {
    Matcher summary =
        matchLine(
            Pattern.quote(name)
                + ": "
                + NUMBER
                + " rounds in [\\d,]+ ms, stopped by the (round|time) bound",
            lines.get(0));
    long rounds = number(summary.group(1));
    if (summary.group(2).equals("round")) {
      assertEquals(20_000, rounds);
    }
    matchLine("RESULT  SAMPLES\\s+FREQ  EXPECT\\s+DESCRIPTION", lines.get(1));
    long twos = number(matchLine(row2, lines.get(2)).group(1));
    long ones = number(matchLine(row1, lines.get(3)).group(1));
    assertEquals(rounds, twos + ones);
    return rounds;
  }

  @Test
  void threads03IsExactEveryWay() throws Exception {
    checkBoth(Threads_03_Fixed.class, Threads_03_Fixed::run, this::checkFixed);
  }

  private void checkFixed(List<String> lines) {
    assertEquals(11, lines.size(), () -> String.join("\n", lines));
    assertEquals(
        List.of(
            "4 threads each add 1 to a shared counter 1,000,000 times; expected 4,000,000",
            "synchronized (LOCK) { count++; }           4,000,000  exact",
            "AtomicInteger.incrementAndGet()            4,000,000  exact",
            "LongAdder.increment()                      4,000,000  exact",
            "lock.lock(); count++; finally unlock()     4,000,000  exact",
            "",
            "The miniature again, x++ inside synchronized; 20,000 rounds"),
        lines.subList(0, 7));
    long rounds =
        checkTally(
            lines.subList(7, 11),
            "synchronized x++ by two threads",
            "2\\s+" + NUMBER + "\\s+[\\d.]+%  ACCEPTABLE\\s+both increments landed",
            "1\\s+" + NUMBER + "\\s+0\\.00%  FORBIDDEN\\s+a lost update: the lock did not hold");
    matchLine("2\\s+" + NUMBER + "\\s+100\\.00%.*", lines.get(9));
    assertTrue(rounds >= 1);
  }

  @Test
  void everyLessonHasTheIdeaTheCodeHowToRunAndItsOutput() throws IOException {
    for (Class<?> lesson : AllLessons.LESSONS) {
      String source = Files.readString(LESSON_SOURCES.resolve(lesson.getSimpleName() + ".java"));
      int idea = source.indexOf("<h2>The idea</h2>");
      int howToRun = source.indexOf("<h2>How to run</h2>");
      int output = source.indexOf("<h2>Output</h2>");
      assertTrue(
          0 < idea && idea < howToRun && howToRun < output,
          lesson.getSimpleName() + ": The idea, How to run, Output, in that order");
      assertTrue(
          source.contains(
              " * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl thread-model exec:java"
                  + " -Dexec.mainClass="
                  + lesson.getName()
                  + "\n"),
          lesson.getSimpleName() + " gives its exact run command");
      assertTrue(
          source.contains("public static void main(String[] args)"),
          lesson.getSimpleName() + " has a main");
    }
  }

  @Test
  void allLessonsRunsEveryLessonInOrderUnderItsHeader() throws Throwable {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream original = System.out;
    try (PrintStream capture = new PrintStream(bytes, true, UTF_8)) {
      System.setOut(capture);
      AllLessons.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    List<String> lines = bytes.toString(UTF_8).lines().collect(Collectors.toList());

    List<String> headers =
        lines.stream().filter(l -> l.startsWith("== ")).collect(Collectors.toList());
    assertEquals(
        AllLessons.LESSONS.stream().map(AllLessons::header).collect(Collectors.toList()), headers);
    assertEquals("== Threads_01_SharedGlobal ==", lines.get(0));
    for (int i = 1; i < AllLessons.LESSONS.size(); i++) {
      int header = lines.indexOf(AllLessons.header(AllLessons.LESSONS.get(i)));
      assertEquals("", lines.get(header - 1), "a blank line before " + lines.get(header));
    }
    // Each lesson's first line follows its own header.
    assertEquals(
        "main, before:              greeting = \"set by main\", counter = 0", lines.get(1));
    int fixed = lines.indexOf("== Threads_03_Fixed ==");
    assertEquals(
        "4 threads each add 1 to a shared counter 1,000,000 times; expected 4,000,000",
        lines.get(fixed + 1));
  }
}
