package dev.gillab.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The order-statistic interval of the median, and when the adaptive mode stops. */
class MedianIntervalTest {
  private static double[] oneTo(int n) {
    return IntStream.rangeClosed(1, n).asDoubleStream().toArray();
  }

  @Test
  void fewerThanSixTimingsHaveNoInterval() {
    assertTrue(MedianInterval.of(oneTo(5)).isEmpty());
    assertEquals(new MedianInterval.Interval(1, 3.5, 6), MedianInterval.of(oneTo(6)).get());
  }

  /**
   * The ranks of the textbook table (e.g. Conover): n=10 → (2, 9), n=20 → (6, 15), n=50 → (18, 33).
   */
  @Test
  void theRanksAreTheNarrowestWithAtLeast95Percent() {
    MedianInterval.Interval ten = MedianInterval.of(oneTo(10)).get();
    assertEquals(2, ten.low());
    assertEquals(9, ten.high());
    MedianInterval.Interval twenty = MedianInterval.of(oneTo(20)).get();
    assertEquals(6, twenty.low());
    assertEquals(15, twenty.high());
    MedianInterval.Interval fifty = MedianInterval.of(oneTo(50)).get();
    assertEquals(18, fifty.low());
    assertEquals(33, fifty.high());
  }

  @Test
  void theOrderOfTheTimingsDoesNotMatter() {
    assertEquals(MedianInterval.of(1, 2, 3, 4, 5, 6, 7), MedianInterval.of(7, 3, 5, 1, 6, 2, 4));
  }

  @Test
  void withinComparesBothEndsToTheMedian() {
    MedianInterval.Interval i = new MedianInterval.Interval(0.96, 1.0, 1.05);
    assertTrue(i.within(0.05));
    assertEquals(0.05, i.halfWidthShare(), 1e-12);
    assertFalse(new MedianInterval.Interval(0.94, 1.0, 1.01).within(0.05));
  }

  @Test
  void adaptiveGoesOnUntilEveryModeIsTightOrTheCapIsReached() {
    Adaptive a = new Adaptive(Duration.ofSeconds(60));
    double[] tight = {1.00, 1.01, 0.99, 1.02, 0.98, 1.00};
    double[] loose = {1.00, 1.30, 0.80, 1.02, 0.98, 1.00};
    long second = 1_000_000_000L;
    assertFalse(a.goOn(List.of(tight), 6, second));
    assertTrue(a.goOn(List.of(tight, loose), 6, second));
    assertTrue(a.goOn(List.of(new double[] {1, 1, 1}), 3, second), "too few for an interval");
    assertFalse(a.goOn(List.of(loose), 6, 60 * second), "the time cap");
    assertFalse(a.goOn(List.of(loose), Adaptive.MAX_RUNS, second), "the run cap");
    assertEquals("60 s", a.capLabel());
    assertEquals("2.5 s", new Adaptive(Duration.ofMillis(2500)).capLabel());
  }
}
