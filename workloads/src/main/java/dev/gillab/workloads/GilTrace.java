package dev.gillab.workloads;

import dev.gillab.gil.GilEvent;
import dev.gillab.gil.GilStats;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * What {@code exec --trace} prints: the GIL's event ring, one compact line per event (sequence,
 * microseconds since the first event kept, kind, thread), a note when the bounded ring let older
 * events go, then a line per thread from the GIL's statistics. Stateless.
 */
final class GilTrace {
  private GilTrace() {}

  static void print(List<GilEvent> events, GilStats stats, PrintStream err) {
    err.println("gil-lab: GIL events (" + events.size() + " kept), policy " + stats.policy());
    if (!events.isEmpty()) {
      GilEvent first = events.get(0);
      if (first.sequence() > 0) {
        err.println("  (" + first.sequence() + " older events were let go by the ring)");
      }
      for (GilEvent e : events) {
        err.printf(
            Locale.ROOT,
            "  %6d %12.1f us  %-12s %s%n",
            e.sequence(),
            (e.nanoTime() - first.nanoTime()) / 1e3,
            e.kind(),
            e.threadName());
      }
    }
    err.print("gil-lab: " + stats.table());
  }
}
