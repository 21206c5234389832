package dev.gillab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

/** Checks on event-ring snapshots that the tests share. */
final class Events {
  private Events() {}

  /**
   * Replays the events: every ACQUIRE finds the GIL free, and only the holder lets go. A ring that
   * overflowed (a slow start of the other threads under {@code ticks(1)} fills it) is replayed from
   * its first ACQUIRE.
   */
  static void assertOneHolderAtATime(List<GilEvent> events) {
    // A ring that overflowed kept the newest events: who held the GIL is known from the first
    // ACQUIRE it kept on.
    boolean known = events.isEmpty() || events.get(0).sequence() == 0;
    String holder = null;
    for (GilEvent e : events) {
      if (!known) {
        if (e.kind() != GilEvent.Kind.ACQUIRE) {
          continue;
        }
        known = true;
      }
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
