package dev.gillab.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompareTableTest {
  /** The two figure columns line up on their last digit, so a reader compares them at a glance. */
  @Test
  void bothFigureColumnsAlignRight() {
    String t =
        CompareCommand.render(
            List.of(
                CompareCommand.Row.speedup("2 threads", 0.9, 1.14),
                CompareCommand.Row.slowdown("beside 1", 255.0, 348.6),
                CompareCommand.Row.speedup("ticks", 0.57, null)));
    assertEquals(
        String.join(
            System.lineSeparator(),
            "shape      gil-lab  CPython",
            "2 threads    0.90x    1.14x",
            "beside 1    255.0x   348.6x",
            "ticks        0.57x        -",
            ""),
        t);
  }
}
