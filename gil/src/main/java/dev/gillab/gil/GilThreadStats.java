package dev.gillab.gil;

import com.google.errorprone.annotations.Immutable;

/**
 * What one thread did with a GIL so far: nanoseconds it held it, nanoseconds it waited for it, how
 * often it took it, how often it had to drop it on request (forced drops), and how often it let go
 * around blocking calls. Immutable.
 *
 * @param threadId the Java thread's id ({@link Thread#getId()})
 * @param threadName the Java thread's name when the GIL first counted it ({@link GilStats})
 * @param heldNanos nanoseconds the thread held the GIL, counted up to the snapshot if it holds it
 *     then
 * @param waitingNanos nanoseconds the thread waited for the GIL, spinning or parked
 * @param acquisitions how many times the thread took the GIL
 * @param forcedDrops how many times the thread let go of the GIL at an eval-breaker check because a
 *     waiter asked for it
 * @param ioReleases how many times the thread released the GIL around a blocking call ({@link
 *     Gil#allowThreads})
 */
@Immutable
public record GilThreadStats(
    long threadId,
    String threadName,
    long heldNanos,
    long waitingNanos,
    long acquisitions,
    long forcedDrops,
    long ioReleases) {

  /**
   * {@return waiting as a share of the time the thread held or wanted the GIL, in percent from 0 to
   * 100; 0 for a thread that did neither}
   */
  public double percentWaiting() {
    long total = heldNanos + waitingNanos;
    return total == 0 ? 0 : 100.0 * waitingNanos / total;
  }
}
