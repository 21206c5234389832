package dev.gillab.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.gil.Interpreter;
import dev.gillab.gil.UnsafeCountsException;
import dev.gillab.refcount.CountStrategy;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyChoiceTest {
  @Test
  void everyPolicyIsMadeAndNamedAsTheGilNamesIt() {
    assertEquals("interval(2ms)", PolicyChoice.of("interval", Duration.ofMillis(2)).label());
    assertEquals("interval(5ms)", PolicyChoice.defaultPolicy().label());
    assertEquals("ticks(100)", PolicyChoice.of("ticks", Duration.ofMillis(5)).label());
    assertEquals("ticks(7)", PolicyChoice.of("ticks(7)", Duration.ofMillis(5)).label());
    assertEquals("ticks(7)", PolicyChoice.of("ticks(7)", Duration.ofMillis(5)).spec());
    assertEquals("ioPriority(2ms)", PolicyChoice.of("io-priority", Duration.ofMillis(2)).label());
    assertEquals("none", PolicyChoice.of("none", Duration.ofMillis(5)).label());
    assertTrue(PolicyChoice.of("none", Duration.ofMillis(5)).isFreeThreaded());
    assertFalse(PolicyChoice.of("ticks", Duration.ofMillis(5)).hasSwitchInterval());
    assertTrue(PolicyChoice.of("io-priority", Duration.ofMillis(5)).hasSwitchInterval());
  }

  @Test
  void theSwitchIntervalIsSetPerInterpreterThroughTheBuilder() {
    PolicyChoice p = PolicyChoice.of("io-priority", Duration.ofMillis(3));
    try (Interpreter in = p.configure(Interpreter.builder().name("t")).build()) {
      assertEquals(Optional.of(Duration.ofMillis(3)), in.switchInterval());
    }
    try (Interpreter in =
        PolicyChoice.of("ticks(5)", Duration.ofMillis(3))
            .configure(Interpreter.builder())
            .build()) {
      assertEquals(Optional.empty(), in.switchInterval());
    }
  }

  @Test
  void noneGetsSafeCountsUnlessTheCallerChoosesOthers() {
    PolicyChoice none = PolicyChoice.of("none", Duration.ofMillis(5));
    try (Interpreter in = none.configure(Interpreter.builder()).build()) {
      assertEquals("none", in.gilStats().policy());
    }
    assertThrows(
        UnsafeCountsException.class,
        () -> none.configure(Interpreter.builder()).countStrategy(CountStrategy.PLAIN).build());
  }

  @Test
  void spellingsOfIoPriority() {
    assertEquals("io-priority", PolicyChoice.of("ioPriority", Duration.ofMillis(5)).name());
    assertEquals("io-priority", PolicyChoice.of("io_priority", Duration.ofMillis(5)).name());
  }

  @Test
  void badNamesAndIntervals() {
    assertEquals(
        "unknown policy 'fifo'; known: interval, ticks, ticks(n), io-priority, none",
        assertThrows(
                IllegalArgumentException.class, () -> PolicyChoice.of("fifo", Duration.ofMillis(5)))
            .getMessage());
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
    assertEquals(Duration.ofNanos(1_000), Durations.parse("1us"));
    assertEquals(Duration.ofNanos(1_001), Durations.parse("1001ns"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("0.1ns"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("999ns"));
  }
}
