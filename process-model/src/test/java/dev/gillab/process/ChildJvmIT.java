package dev.gillab.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.process.internal.LineDrainer;
import dev.gillab.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChildJvmIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @AfterEach
  void noChildLeft() {
    NoOrphans.assertNoneLeft();
  }

  @Test
  void runsTheMainClassWithArgsAndEnvAndReportsTheExitCode() throws Exception {
    try (ChildJvm child =
        ChildJvm.builder(ChildMains.PrintAndExit.class)
            .args("a", "b")
            .env("GILLAB_TEST", "hello")
            .start()) {
      assertEquals(Optional.of(new ExitStatus(7)), child.waitFor(WAIT));
      assertEquals(List.of("args: a,b", "env: hello"), child.stdoutLines());
    }
  }

  @Test
  void aChildThatWritesALotNeverBlocks() throws Exception {
    try (ChildJvm child = ChildJvm.builder(ChildMains.Chatty.class).stderrTailLines(2).start()) {
      assertEquals(Optional.of(new ExitStatus(0)), child.waitFor(WAIT));
      assertEquals(ChildJvm.MAX_CAPTURED_STDOUT_LINES, child.stdoutLines().size());
      assertEquals(2, child.stderrTail().size());
      assertTrue(child.stderrTail().get(1).startsWith("err 39999 "));
    }
  }

  @Test
  void aLineWithoutEndIsCutAndTheChildNeverBlocks() throws Exception {
    try (ChildJvm child = ChildJvm.builder(ChildMains.LongLine.class).stderrTailLines(2).start()) {
      assertEquals(Optional.of(new ExitStatus(0)), child.waitFor(WAIT));
      assertEquals(
          List.of(
              "x".repeat(dev.gillab.process.internal.LineDrainer.MAX_LINE_CHARS)
                  + dev.gillab.process.internal.LineDrainer.TRUNCATED_MARK,
              "after the long line"),
          child.stderrTail());
    }
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheDraining() throws Exception {
    try (LogCapture log = LogCapture.of(LineDrainer.class);
        ChildJvm child =
            ChildJvm.builder(ChildMains.Chatty.class)
                .stderrTailLines(1)
                .onStderrLine(
                    line -> {
                      throw new IllegalStateException("stderr listener failed on purpose");
                    })
                .onStdoutLine(
                    line -> {
                      throw new IllegalStateException("stdout listener failed on purpose");
                    })
                .start()) {
      assertEquals(Optional.of(new ExitStatus(0)), child.waitFor(WAIT));
      assertEquals(ChildJvm.MAX_CAPTURED_STDOUT_LINES, child.stdoutLines().size());
      assertTrue(child.stderrTail().get(0).startsWith("err 39999 "));
      assertEquals(
          2,
          log.messages().stream().filter(m -> m.contains("a line listener threw")).count(),
          "each stream's first failure is logged: " + log.messages());
    }
  }

  @Test
  void sigkillIsReportedAsSignal9() throws Exception {
    try (ChildJvm child = ChildJvm.builder(ChildMains.Sleeper.class).start()) {
      assertTrue(child.handle().destroyForcibly());
      ExitStatus status = child.waitFor(WAIT).orElseThrow();
      assertEquals(137, status.exitCode());
      assertEquals(OptionalInt.of(9), status.signal());
    }
  }

  @Test
  void aTimeoutKillsTheWholeTree() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (ChildJvm child =
        ChildJvm.builder(ChildMains.Spawner.class)
            .args("os")
            .onStdoutLine(lines::add)
            // Far more than a loaded machine needs to start the child and its grandchild.
            .timeout(Duration.ofSeconds(10))
            .start()) {
      await().atMost(WAIT).until(() -> !lines.isEmpty());
      long grandchildPid = Long.parseLong(lines.get(0).substring("grandchild ".length()));
      ProcessHandle grandchild = ProcessHandle.of(grandchildPid).orElseThrow();
      ExitStatus status = child.waitFor(WAIT).orElseThrow();
      assertTrue(child.timedOut());
      assertEquals(137, status.exitCode());
      await().atMost(WAIT).until(() -> !grandchild.isAlive());
    }
  }

  @Test
  void aChildWhoseParentDiesExitsByItself() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (ChildJvm parent =
        ChildJvm.builder(ChildMains.Spawner.class).args("jvm").onStdoutLine(lines::add).start()) {
      await().atMost(WAIT).until(() -> !lines.isEmpty());
      long orphanPid = Long.parseLong(lines.get(0).substring("grandchild ".length()));
      ProcessHandle orphan = ProcessHandle.of(orphanPid).orElseThrow();
      // Kill only the middle process: nobody kills the grandchild for us.
      assertTrue(parent.handle().destroyForcibly());
      assertTrue(parent.waitFor(WAIT).isPresent());
      await("the orphan exits by itself").atMost(WAIT).until(() -> !orphan.isAlive());
      assertFalse(orphan.isAlive());
    }
  }
}
