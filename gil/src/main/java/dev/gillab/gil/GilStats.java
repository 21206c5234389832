package dev.gillab.gil;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.Immutable;
import java.util.Optional;

/**
 * A snapshot of a GIL's counters: its policy, how many times it changed hands ({@link
 * Gil#switchNumber()}), and per thread that ever took it, in the order they first did, its
 * {@link GilThreadStats}. The counters are always on; a snapshot taken while threads run is
 * a little behind them. Immutable.
 */
@Immutable
public record GilStats(String policy, long switches, ImmutableList<GilThreadStats> threads) {

  /** Nanoseconds all threads together waited for the GIL. */
  public long totalWaitingNanos() {
    return threads.stream().mapToLong(GilThreadStats::waitingNanos).sum();
  }

  /** Nanoseconds all threads together held the GIL. */
  public long totalHeldNanos() {
    return threads.stream().mapToLong(GilThreadStats::heldNanos).sum();
  }

  /** Forced drops of all threads together. */
  public long totalForcedDrops() {
    return threads.stream().mapToLong(GilThreadStats::forcedDrops).sum();
  }

  /** The first thread of that name, if any. */
  public Optional<GilThreadStats> thread(String name) {
    return threads.stream().filter(t -> t.threadName().equals(name)).findFirst();
  }
}
