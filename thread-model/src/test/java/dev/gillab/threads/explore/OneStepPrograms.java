package dev.gillab.threads.explore;

import dev.gillab.threads.explore.Classics.Counter;
import java.util.List;

/** The smallest programs the explorer tests build: thread T1 making one step on a counter. */
final class OneStepPrograms {
  private OneStepPrograms() {}

  /**
   * A program named {@code name} whose thread T1 makes the one step {@code step}; more threads may
   * be added before it is built.
   */
  static Program.Builder<Counter> t1Makes(String name, Step step) {
    return Program.builder(name, Counter::new).thread("T1", c -> List.of(step));
  }

  /** A step labelled "boom" that throws {@code IllegalStateException("boom")}. */
  static Step boom() {
    return Step.run(
        "boom",
        () -> {
          throw new IllegalStateException("boom");
        });
  }
}
