package dev.gillab.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyChoiceTest {
  @Test
  void intervalIsAvailableAndNamedAsTheGilNamesIt() {
    PolicyChoice p = PolicyChoice.of("interval", Duration.ofMillis(2));
    assertEquals(Optional.empty(), p.unavailableReason());
    assertEquals("interval(2ms)", p.label());
    assertEquals("interval(5ms)", PolicyChoice.defaultPolicy().label());
  }

  @Test
  void theOthersSayWhyNotAndNeverMakeAPolicy() {
    for (String name : new String[] {"ticks", "io-priority", "none"}) {
      PolicyChoice p = PolicyChoice.of(name, Duration.ofMillis(5));
      assertTrue(p.unavailableReason().isPresent(), name);
      UnavailableException e = assertThrows(UnavailableException.class, p::create);
      assertEquals(p.unavailableReason().get(), e.getMessage());
      assertEquals(name, p.label());
    }
    assertEquals(
        "free-threading needs the gil module's part 2 (policies ticks, io-priority and none),"
            + " which this build does not have yet",
        PolicyChoice.freeThreadingUnavailableReason().orElseThrow());
  }

  @Test
  void spellingsOfIoPriority() {
    assertEquals("io-priority", PolicyChoice.of("ioPriority", Duration.ofMillis(5)).name());
    assertEquals("io-priority", PolicyChoice.of("io_priority", Duration.ofMillis(5)).name());
  }

  @Test
  void badNamesAndIntervals() {
    assertEquals(
        "unknown policy 'fifo'; known: interval, ticks, io-priority, none",
        assertThrows(IllegalArgumentException.class,
            () -> PolicyChoice.of("fifo", Duration.ofMillis(5))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> PolicyChoice.of("interval", Duration.ZERO));
  }

  @Test
  void durations() {
    assertEquals(Duration.ofMillis(5), Durations.parse("5ms"));
    assertEquals(Duration.ofMillis(5), Durations.parse("5"));
    assertEquals(Duration.ofMillis(5), Durations.parse("0.005s"));
    assertEquals(Duration.ofNanos(500_000), Durations.parse("500us"));
    assertEquals(Duration.ofNanos(500_000), Durations.parse("0.5ms"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("-1ms"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("61s"));
  }
}
