package dev.gillab.process;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.stream.Collectors;

/** Asserts that this JVM has no child process left (bounded wait for exits in progress). */
final class NoOrphans {
  private NoOrphans() {}

  static void assertNoneLeft() {
    await("no descendant process left")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> ProcessHandle.current().descendants().count() == 0, ignored -> true);
  }

  static String describe() {
    return ProcessHandle.current()
        .descendants()
        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
        .collect(Collectors.joining("; "));
  }
}
