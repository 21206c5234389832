package dev.gillab.gil;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.Immutable;
import java.util.Locale;
import java.util.Optional;

/**
 * A snapshot of a GIL's counters: its policy, how many times it changed hands ({@link
 * Gil#switchNumber()}), and per thread the GIL has counted, in the order it first did, its {@link
 * GilThreadStats}. The counters are always on; a snapshot taken while threads run is a little
 * behind them. Immutable.
 *
 * <p>The GIL counts a thread from its first call of {@link Gil#acquire}, {@link Gil#tryAcquire},
 * {@link Gil#release}, {@link Gil#tick} (not under {@code none}), {@link Gil#allowThreads} or a
 * {@link Gil#checkpoint} while a drop is requested, and under {@link SwitchingPolicy#none()} of
 * {@link Gil#isHeldByCurrentThread} too: the counters are made on first use, so that taking the GIL
 * never checks whether they exist. Besides the threads that took the GIL, the list therefore holds,
 * with no acquisitions, a thread that only waited for it (a {@code tryAcquire} that timed out), one
 * that called a holder's method without holding the GIL (which threw), and under {@code none} one
 * that only asked whether it is attached.
 *
 * @param policy the policy's short name ({@link SwitchingPolicy#name()}), such as {@code
 *     interval(5ms)}
 * @param switches how many times the GIL passed to a thread other than its previous holder
 * @param threads the counters of each thread the GIL has counted (see above), in the order it first
 *     did
 */
@Immutable
public record GilStats(String policy, long switches, ImmutableList<GilThreadStats> threads) {

  /** {@return the nanoseconds all threads together waited for the GIL} */
  public long totalWaitingNanos() {
    return threads.stream().mapToLong(GilThreadStats::waitingNanos).sum();
  }

  /** {@return the nanoseconds all threads together held the GIL} */
  public long totalHeldNanos() {
    return threads.stream().mapToLong(GilThreadStats::heldNanos).sum();
  }

  /** {@return the forced drops of all threads together} */
  public long totalForcedDrops() {
    return threads.stream().mapToLong(GilThreadStats::forcedDrops).sum();
  }

  /**
   * The counters as a table, a line per thread under a title line: {@code GIL per thread, 12
   * switches, policy interval(5ms)}, then held and waiting milliseconds, percent waiting,
   * acquisitions, forced drops and IO releases. Each line ends with a line separator.
   *
   * @return the table; how its numbers are written does not depend on the default locale
   */
  public String table() {
    String nl = System.lineSeparator();
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "GIL per thread, %d switches, policy %s", switches, policy))
        .append(nl)
        .append(
            String.format(
                Locale.ROOT,
                "  %-20s %12s %12s %9s %12s %12s %10s",
                "thread",
                "held ms",
                "waiting ms",
                "waiting %",
                "acquisitions",
                "forced drops",
                "IO releases"))
        .append(nl);
    for (GilThreadStats t : threads) {
      b.append(
              String.format(
                  Locale.ROOT,
                  "  %-20s %12.3f %12.3f %9.1f %12d %12d %10d",
                  t.threadName(),
                  t.heldNanos() / 1e6,
                  t.waitingNanos() / 1e6,
                  t.percentWaiting(),
                  t.acquisitions(),
                  t.forcedDrops(),
                  t.ioReleases()))
          .append(nl);
    }
    return b.toString();
  }

  /**
   * Finds a thread's counters by the thread's name.
   *
   * @param name a thread name, as {@link GilThreadStats#threadName()} gives it
   * @return the counters of the first thread of that name, or empty if the GIL counted no thread of
   *     that name
   */
  public Optional<GilThreadStats> thread(String name) {
    return threads.stream().filter(t -> t.threadName().equals(name)).findFirst();
  }
}
