package dev.gillab.workloads.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** How {@link Runs#interleaved} takes turns: the order of the runs is the point. */
class RunsTest {
  @Test
  void warmUpsGoInOrderThenTimedRoundsAlternateDirection() {
    List<String> calls = new ArrayList<>();
    Map<String, Callable<Sample>> modes = new LinkedHashMap<>();
    for (String name : List.of("a", "b", "c")) {
      modes.put(
          name,
          () -> {
            calls.add(name);
            return new Sample(calls.size(), null, null);
          });
    }
    List<String> progress = new ArrayList<>();

    Map<String, List<Sample>> samples =
        Runs.interleaved("test", 1, 4, progress::add, modes, k -> k);

    assertEquals(
        List.of("a b c", "a b c", "c b a", "a b c", "c b a"),
        List.of(
            String.join(" ", calls.subList(0, 3)),
            String.join(" ", calls.subList(3, 6)),
            String.join(" ", calls.subList(6, 9)),
            String.join(" ", calls.subList(9, 12)),
            String.join(" ", calls.subList(12, 15))),
        "one warm-up round in order, then four timed rounds");
    assertEquals(15, calls.size());
    assertEquals(List.of("a", "b", "c"), List.copyOf(samples.keySet()), "in the order given");
    // c ran 6th and 7th: rounds 1 and 2 meet at it
    assertEquals(List.of(6.0, 7.0, 12.0, 13.0), seconds(samples.get("c")));
    assertEquals("test c: run 2/4 7.000 s", progress.get(6));
  }

  private static List<Double> seconds(List<Sample> samples) {
    return samples.stream().map(Sample::seconds).toList();
  }
}
