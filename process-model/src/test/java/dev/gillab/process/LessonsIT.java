package dev.gillab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.process.lessons.Process_01_NoSharedState;
import dev.gillab.process.lessons.Process_02_ExplicitMessages;
import dev.gillab.process.lessons.Process_03_CrashIsolation;
import dev.gillab.process.lessons.Process_04_PoolRunsInParallel;
import dev.gillab.testing.LessonDocs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each lesson prints what its Javadoc and the README say it prints: the same checks run on the
 * printed output and on the Javadoc's Output block, and the README shows that block.
 */
class LessonsIT {
  interface Main {
    void run(String[] args) throws Exception;
  }

  @AfterEach
  void noChildLeft() {
    NoOrphans.assertNoneLeft();
  }

  private static List<String> run(Main main) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      main.run(new String[0]);
    } finally {
      System.setOut(original);
    }
    return buffer.toString(StandardCharsets.UTF_8).lines().toList();
  }

  /** Runs the check on the lesson's output and on its Javadoc; the README must show the latter. */
  private static void checkBoth(Class<?> lesson, Main main, Consumer<List<String>> check)
      throws Exception {
    List<String> documented = LessonDocs.documentedOutput(lesson);
    check.accept(documented);
    assertEquals(
        documented, LessonDocs.readmeOutput(lesson), "the README shows the Javadoc's output");
    check.accept(run(main));
  }

  /**
   * For a deterministic lesson: it prints exactly its documented output, which is {@code expected}.
   */
  private static void checkExact(Class<?> lesson, Main main, List<String> expected)
      throws Exception {
    checkBoth(lesson, main, lines -> assertEquals(expected, lines));
  }

  @Test
  void process01() throws Exception {
    checkExact(
        Process_01_NoSharedState.class,
        Process_01_NoSharedState::main,
        List.of(
            "parent: counter = 100",
            "child says: my counter starts at 0",
            "child says: my counter is now 1",
            "child ended: exit code 0",
            "parent: counter = 100 (the child changed only its own copy)",
            "parent: the child's value came back as a message: 1"));
  }

  @Test
  void process02() throws Exception {
    checkExact(
        Process_02_ExplicitMessages.class,
        Process_02_ExplicitMessages::main,
        List.of(
            "request: REQUEST #1 'lesson.sum' (24 payload bytes)",
            "on the wire: 51 bytes = 6 prefix + 11 header + 10 name + 24 payload",
            "prefix and header: 474c 0000002d 03 0000000000000001 000a",
            "the worker answers: sum of [1, 2, 3] = 6",
            "an unknown name: task 'lesson.nope' failed in its worker: no task named 'lesson.nope' is registered"));
  }

  @Test
  void process03() throws Exception {
    checkExact(
        Process_03_CrashIsolation.class,
        Process_03_CrashIsolation::main,
        List.of(
            "a child that halts: exit code 3",
            "a child killed from outside: killed by signal 9 (SIGKILL), exit code 137",
            "the parent carries on",
            "pool of 2, task lesson.halt: WorkerCrashedException, exit code 3, stderr says \"halting with exit code 3\"",
            "pool of 2, task lesson.sleep on the other worker: finished, slept 500 ms",
            "pool of 2, the replacement worker answers: sum of 1..10 = 55",
            "pool stats: tasks done 2, failed 1; workers started 3, crashed 1"));
  }

  @Test
  void process04() throws Exception {
    checkBoth(
        Process_04_PoolRunsInParallel.class,
        Process_04_PoolRunsInParallel::main,
        lines -> {
          assertEquals(4, lines.size(), String.join("\n", lines));
          assertTrue(
              lines.get(0).matches("task 1 ran in worker A from +\\d+ ms to +\\d+ ms"),
              lines.get(0));
          assertTrue(
              lines.get(1).matches("task 2 ran in worker B from +\\d+ ms to +\\d+ ms"),
              lines.get(1));
          assertEquals("two different processes: yes", lines.get(2));
          // Nothing makes the two tasks meet (ExperimentsIT forces that with held replies): a
          // worker starved for the whole spin of the other leaves them apart.
          assertTrue(
              lines.get(3).matches("the intervals (overlap for \\d+ ms|do not overlap)"),
              lines.get(3));
        });
  }
}
