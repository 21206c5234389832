package dev.gillab.workloads;

import static java.time.Duration.ofMinutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gillab.workloads.internal.Cpython;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code gil-lab compare --quick} against the machine's python3: every shape has both columns
 * filled with a positive figure (the figures themselves are a measurement, not a test), and without
 * a Python the CPython column is empty and the title says why.
 */
class CompareIT {
  private static final Pattern FIGURE = Pattern.compile("\\d+\\.\\d+x");

  @Test
  void everyShapeHasGilLabsFigureBesideCpythons() {
    assumeTrue(Cpython.unavailableReason("python3").isEmpty(), "no python3 here");
    assertTimeoutPreemptively(
        ofMinutes(3),
        () -> {
          Cli c = Cli.run("compare", "--quick");
          assertEquals(0, c.exit(), c.err());
          List<String> lines = c.out().lines().toList();
          assertTrue(
              lines.get(0).startsWith("compare — gil-lab under interval(5ms) beside CPython 3."),
              lines.get(0));
          List<String> shapes = lines.subList(2, 6);
          for (String row : shapes) {
            assertEquals(2, FIGURE.matcher(row).results().count(), row);
          }
          assertTrue(
              lines.get(6).contains("under ticks(100)") && lines.get(6).endsWith("-"),
              lines.get(6));
          assertTrue(c.out().contains("machine: load "), c.out());
        });
  }

  @Test
  void withoutAPythonTheCpythonColumnSaysWhy() {
    assertTimeoutPreemptively(
        ofMinutes(3),
        () -> {
          Cli c = Cli.run("compare", "--quick", "--python", "no-such-python-here");
          assertEquals(0, c.exit(), c.err());
          List<String> lines = c.out().lines().toList();
          assertTrue(
              lines.get(0).contains("beside no CPython (no no-such-python-here to run"),
              lines.get(0));
          assertTrue(lines.get(2).endsWith("-"), lines.get(2));
        });
  }
}
