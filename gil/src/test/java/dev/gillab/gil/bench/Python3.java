package dev.gillab.gil.bench;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The machine's {@code python3}, for the benchmarks that set CPython's figure beside gil-lab's. */
final class Python3 {
  private Python3() {}

  /**
   * Runs {@code python3 args...} and answers what it printed (standard output and error, trimmed);
   * empty when there is no {@code python3}, it exits with an error, or it runs past {@code bound}
   * (then it is killed). For programs that print a line or two: the output is read once the process
   * has ended.
   */
  static Optional<String> output(Duration bound, String... args) throws InterruptedException {
    Process p;
    try {
      p =
          new ProcessBuilder(ImmutableList.<String>builder().add("python3").add(args).build())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      return Optional.empty();
    }
    try {
      if (!p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
        return Optional.empty();
      }
      return Optional.of(
          new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      return Optional.empty();
    } finally {
      p.destroyForcibly();
    }
  }
}
