package dev.gillab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** Checks on event-ring snapshots that the tests share. */
final class Events {
  private Events() {}

  /**
   * Replays the events: every ACQUIRE finds the GIL free, and only the holder lets go. The ring
   * must hold every event since tracing started.
   */
  static void assertOneHolderAtATime(List<GilEvent> events) {
    assertTrue(events.isEmpty() || events.get(0).sequence() == 0, "the ring overflowed");
    String holder = null;
    for (GilEvent e : events) {
      switch (e.kind()) {
        case ACQUIRE -> {
          assertNull(holder, "ACQUIRE by " + e.threadName() + " while " + holder + " held it");
          holder = e.threadName();
        }
        case RELEASE, FORCED_DROP, TICK, IO_RELEASE -> {
          assertEquals(holder, e.threadName(), e.kind() + " by a thread that did not hold it");
          holder = null;
        }
        default -> {}
      }
    }
  }
}
